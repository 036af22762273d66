package io.farmwatch.agent.runtime.policy;

import io.farmwatch.agent.detect.Allowlist;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.config.Privacy;
import io.farmwatch.protocol.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the agent runs on: its local configuration with the central policy laid over it
 * (docs/runtime.md, "Central policy"). Catalog additions and allowlist entries are added to the
 * local ones, since either side may know a tool the other does not; the privacy switches and the
 * report interval the policy gives replace the local ones, because the point of a central policy
 * is to change them fleet-wide without touching each laptop.
 *
 * @param version the central policy's version, or null when running on the local configuration alone
 * @param tools remote-access tools the policy adds to the catalog
 */
public record PolicySettings(
    Long version, Privacy privacy, Duration interval, List<Allowlist.Entry> allowlist, List<ToolEntry> tools) {

  public PolicySettings {
    allowlist = List.copyOf(allowlist);
    tools = List.copyOf(tools);
  }

  public static PolicySettings of(AgentConfig local, Optional<Policy> central) {
    if (central.isEmpty()) {
      return new PolicySettings(null, local.privacy(), local.interval(), local.allowlist(), List.of());
    }
    Policy p = central.get();
    List<Allowlist.Entry> allowlist = new ArrayList<>(local.allowlist());
    p.allowlist().forEach(a -> allowlist.add(new Allowlist.Entry(a.name(), a.path(), a.signer())));
    List<ToolEntry> tools = p.catalog() == null ? List.of() : p.catalog().remoteAccess().stream()
        .map(t -> new ToolEntry(t.name(), "rmm", t.exe(), List.of(), t.ports(), List.of(), List.of(),
            "policy v" + p.version()))
        .toList();
    Privacy privacy = local.privacy();
    if (p.privacy() != null) {
      privacy = new Privacy(
          p.privacy().sendCommandLines() != null ? p.privacy().sendCommandLines() : privacy.sendCommandLines(),
          p.privacy().inputSampling() != null ? p.privacy().inputSampling() : privacy.inputSampling());
    }
    Duration interval = p.reportIntervalSeconds() != null
        ? Duration.ofSeconds(p.reportIntervalSeconds()) : local.interval();
    return new PolicySettings(p.version(), privacy, interval, allowlist, tools);
  }
}
