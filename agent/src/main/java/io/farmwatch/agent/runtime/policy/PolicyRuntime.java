package io.farmwatch.agent.runtime.policy;

import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.transport.PolicyAnswer;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.Unavailable;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The central policy in the run loop: asked for at the start of each cycle, and the scan rebuilt
 * only when the settings it yields change. An agent enrolled with a collector that gave no policy
 * key runs on its local configuration alone.
 */
public final class PolicyRuntime {

  /** Where refusals appear in a report's {@code unavailable} list (PROTOCOL.md 7.3). */
  public static final String FIELD = "agent.policyVersion";
  public static final String SOURCE = "collector policy";

  /** What one cycle runs on, and why a newer policy could not be used, if that happened. */
  public record Cycle(ReportAssembler assembler, Long version, Optional<Unavailable> problem) {}

  private final KeptPolicy kept;
  private final LongFunction<PolicyAnswer> fetch;
  private final AgentConfig local;
  private final Function<PolicySettings, ReportAssembler> scans;
  private PolicySettings settings;
  private ReportAssembler assembler;

  /**
   * @param kept the kept policy, or null when the agent knows no policy key
   * @param fetch asks the collector for the policy, given the running version
   * @param scans builds the report assembler for a set of settings
   */
  public PolicyRuntime(KeptPolicy kept, LongFunction<PolicyAnswer> fetch, AgentConfig local,
      Function<PolicySettings, ReportAssembler> scans) {
    this.kept = kept;
    this.fetch = fetch;
    this.local = local;
    this.scans = scans;
    apply(kept == null ? Optional.empty() : kept.current());
  }

  /** Fetches and applies a newer policy if there is a good one; what this cycle runs on. */
  public Cycle refresh() throws IOException {
    if (kept == null) {
      return new Cycle(assembler, null, Optional.empty());
    }
    KeptPolicy.Outcome outcome = kept.refresh(fetch);
    apply(outcome.policy());
    Optional<Unavailable> problem = Optional.ofNullable(outcome.refusal())
        .map(reason -> new Unavailable(FIELD, SOURCE, reason));
    return new Cycle(assembler, settings.version(), problem);
  }

  /** The time between two collections the current settings ask for. */
  public Duration interval() {
    return settings.interval();
  }

  private void apply(Optional<io.farmwatch.protocol.policy.Policy> policy) {
    PolicySettings next = PolicySettings.of(local, policy);
    if (!Objects.equals(next, settings)) {
      settings = next;
      assembler = scans.apply(next);
    }
  }
}
