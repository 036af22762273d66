package io.farmwatch.protocol.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The collector's central policy for its agents (PROTOCOL.md §7). Only {@link PolicyReader} makes
 * one from untrusted bytes, after checking every field; an absent section leaves the agent's own
 * configuration in force.
 *
 * @param schemaVersion the policy schema, {@link #SCHEMA_VERSION}; an agent refuses any other
 * @param version assigned by the collector, one above the previous policy's; null in a draft
 * @param issuedAt when the collector signed it; null in a draft
 * @param catalog remote-access tools to detect beyond the agent's built-in catalog
 * @param allowlist sanctioned tools, added to the agent's local allowlist
 * @param privacy switches that replace the agent's local ones where given
 * @param reportIntervalSeconds replaces the agent's {@code interval} where given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(
    int schemaVersion,
    Long version,
    Instant issuedAt,
    Catalog catalog,
    List<AllowedTool> allowlist,
    Privacy privacy,
    Integer reportIntervalSeconds) {

  public static final int SCHEMA_VERSION = 1;

  public Policy {
    allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
  }

  /** This draft as the collector signs it: numbered and dated. */
  public Policy issued(long newVersion, Instant at) {
    return new Policy(schemaVersion, newVersion, at, catalog, allowlist, privacy, reportIntervalSeconds);
  }

  /** @param remoteAccess tools added to the agent's remote-access catalog */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Catalog(List<Tool> remoteAccess) {
    public Catalog {
      remoteAccess = remoteAccess == null ? List.of() : List.copyOf(remoteAccess);
    }
  }

  /**
   * A remote-access tool the agent should detect.
   *
   * @param exe executable file names, matched case-insensitively with or without {@code .exe}
   * @param ports listening ports of its remote-control service
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Tool(String name, List<String> exe, List<Integer> ports) {
    public Tool {
      exe = exe == null ? List.of() : List.copyOf(exe);
      ports = ports == null ? List.of() : List.copyOf(ports);
    }
  }

  /**
   * A sanctioned tool: every pattern given must match ({@code *} is a wildcard, case-insensitive).
   *
   * @param name the catalog name, e.g. {@code AnyDesk}
   * @param path the executable path
   * @param signer the code signer
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AllowedTool(String name, String path, String signer) {}

  /** Each switch, where given, replaces the agent's local one of the same name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Privacy(Boolean sendCommandLines, Boolean inputSampling) {}
}
