package io.farmwatch.agent.detect.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * A remote-access tool or VPN client as the catalog describes it.
 *
 * @param exe executable file names, matched case-insensitively with or without {@code .exe}; a
 *     {@code *} or {@code ?} in a name is a wildcard
 * @param paths install folders (from LOLRMM imports), matched as path prefixes
 * @param ports default listening ports of its remote-control service
 * @param source where the entry came from: {@code builtin} or the imported file
 */
public record ToolEntry(
    String name, String category, List<String> exe, List<String> paths, List<Integer> ports,
    List<String> domains, List<String> services, String source) {

  public ToolEntry {
    exe = exe == null ? List.of() : List.copyOf(exe);
    paths = paths == null ? List.of() : List.copyOf(paths);
    ports = ports == null ? List.of() : List.copyOf(ports);
    domains = domains == null ? List.of() : List.copyOf(domains);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /** Clients control other machines; they say this laptop is used as a console, not controlled. */
  @JsonIgnore
  public boolean isClient() {
    return category != null && category.endsWith("-client");
  }
}
