package io.farmwatch.agent.detect.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
      LolrmmSnapshot lolrmm = lolrmm();
      return new Catalog(raw.version() + "+lolrmm." + lolrmm.commit().substring(0, 7),
          tagged(raw.remoteAccess()), tagged(raw.vpn()), raw.ipKvm(), raw.mouseJigglers(), raw.virtualDisplays())
          .withRemoteAccess(lolrmm.tools());
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in catalog is part of the agent jar", e);
    }
  }

  /** The LOLRMM tools generated from the pinned copy (see BuiltinLolrmmCatalogTest). */
  public static LolrmmSnapshot lolrmm() {
    try (InputStream in = Catalog.class.getResourceAsStream(LolrmmSnapshot.RESOURCE)) {
      return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(in, LolrmmSnapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException("the LOLRMM snapshot is part of the agent jar", e);
    }
  }

  private static List<ToolEntry> tagged(List<ToolEntry> entries) {
    return entries.stream().map(t -> new ToolEntry(t.name(), t.category(), t.exe(), t.paths(), t.ports(),
        t.domains(), t.services(), "builtin")).toList();
  }

  /** This catalog with imported remote-access tools merged in, as the built-in LOLRMM tools are. */
  public Catalog withRemoteAccess(List<ToolEntry> imported) {
    CatalogMerge.Merged merged = CatalogMerge.merge(remoteAccess, vpn, imported);
    return new Catalog(version, merged.remoteAccess(), merged.vpn(), ipKvm, mouseJigglers, virtualDisplays);
  }
}
