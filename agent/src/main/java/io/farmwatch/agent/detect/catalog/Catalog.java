package io.farmwatch.agent.detect.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The versioned detection catalog shipped with the agent, plus whatever was imported beside it. */
public record Catalog(
    String version, List<ToolEntry> remoteAccess, List<ToolEntry> vpn, List<DeviceEntry> ipKvm,
    List<DeviceEntry> mouseJigglers, List<DeviceEntry> virtualDisplays) {

  static final String RESOURCE = "/io/farmwatch/agent/detect/catalog.yaml";

  public Catalog {
    remoteAccess = List.copyOf(remoteAccess);
    vpn = List.copyOf(vpn);
    ipKvm = List.copyOf(ipKvm);
    mouseJigglers = List.copyOf(mouseJigglers);
    virtualDisplays = List.copyOf(virtualDisplays);
  }

  /** The catalog built into this agent release. */
  public static Catalog builtin() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
      Catalog raw = yaml.readValue(in, Catalog.class);
      return new Catalog(raw.version(), tagged(raw.remoteAccess()), tagged(raw.vpn()), raw.ipKvm(),
          raw.mouseJigglers(), raw.virtualDisplays());
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in catalog is part of the agent jar", e);
    }
  }

  private static List<ToolEntry> tagged(List<ToolEntry> entries) {
    return entries.stream().map(t -> new ToolEntry(t.name(), t.category(), t.exe(), t.paths(), t.ports(),
        t.domains(), t.services(), "builtin")).toList();
  }

  /** This catalog with imported remote-access tools added. */
  public Catalog withRemoteAccess(List<ToolEntry> imported) {
    List<ToolEntry> all = new ArrayList<>(remoteAccess);
    all.addAll(imported);
    return new Catalog(version, all, vpn, ipKvm, mouseJigglers, virtualDisplays);
  }
}
