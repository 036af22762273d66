package io.farmwatch.agent.runtime.schedule;

import io.farmwatch.agent.identity.DeviceCredentials;
import io.farmwatch.agent.identity.SequenceCounter;
import io.farmwatch.agent.retry.Backoff;
import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.policy.PolicyRuntime;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.status.AgentStatus.StatusError;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.AgentHealth;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Unavailable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's run loop: collect on an interval, sign with the next persisted sequence, spool, and
 * deliver; between collections, retry an unreachable collector with exponential backoff.
 */
public final class AgentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
  /** Guess for the first report's size, before any was spooled; a typical report is ~8 KB. */
  private static final long FIRST_REPORT_GUESS = 16 * 1024;

  private final String deviceId;
  private final DeviceCredentials credentials;
  private final SequenceCounter sequence;
  private final PolicyRuntime policy;
  private final Spool spool;
  private final Courier courier;
  private final StatusStore statusStore;
  private final AgentConfig config;
  private final Clock clock;
  private final RandomGenerator random;
  private final Backoff backoff;

  public AgentRunner(
      Path stateDir,
      String deviceId,
      DeviceCredentials credentials,
      PolicyRuntime policy,
      Spool spool,
      Courier courier,
      AgentConfig config,
      Clock clock,
      RandomGenerator random) {
    this.deviceId = deviceId;
    this.credentials = credentials;
    this.sequence = new SequenceCounter(stateDir);
    this.policy = policy;
    this.spool = spool;
    this.courier = courier;
    this.statusStore = new StatusStore(stateDir);
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), random);
  }

  /** One collection: deliver what waits, collect and spool a new report, deliver it. */
  public CycleResult cycle() throws IOException {
    DrainResult before = spool.depth() > 0 ? courier.drain() : null;
    if (before != null && before.deviceRejected()) {
      return CycleResult.STOPPED;
    }
    long carried = spool.makeRoom(spool.depth() > 0 ? spool.newestSize() : FIRST_REPORT_GUESS);
    PolicyRuntime.Cycle current = policy.refresh();
    long seq = sequence.next();
    Report report = withPolicy(current, withHealth(current.assembler().assemble(deviceId, seq),
        new AgentHealth(carried, spool.depth(), courier.takeRoundTrips(), current.version())));
    Envelope envelope = credentials.signer().sign(report);
    spool.add(seq, carried, EnvelopeSigner.encode(envelope));
    statusStore.save(statusStore.load().collected(clock.instant()));
    LOG.debug("report {} collected and spooled", seq);
    if (before != null && before.unreachable()) {
      // Just failed; a second attempt within the same moment would only fail again.
      return CycleResult.SPOOLED;
    }
    DrainResult after = courier.drain();
    if (after.deviceRejected()) {
      return CycleResult.STOPPED;
    }
    if (courier.wasRejected(seq)) {
      return CycleResult.REJECTED;
    }
    if (after.blockedBy() == null) {
      backoff.reset();
      return CycleResult.DELIVERED;
    }
    return CycleResult.SPOOLED;
  }

  /** Runs until the collector refuses the device or the thread is interrupted. */
  public void runForever() throws IOException, InterruptedException {
    while (true) {
      if (safeCycle() == CycleResult.STOPPED) {
        return;
      }
      Instant nextCollection = clock.instant().plus(Jitter.around(policy.interval(), config.jitter(), random));
      LOG.debug("next collection at {}", nextCollection);
      while (clock.instant().isBefore(nextCollection)) {
        Duration untilCollection = Duration.between(clock.instant(), nextCollection);
        if (spool.depth() == 0) {
          sleep(untilCollection);
          continue;
        }
        Duration retry = backoff.next(courier.retryAfter());
        if (retry.compareTo(untilCollection) >= 0) {
          sleep(untilCollection);
          continue;
        }
        sleep(retry);
        DrainResult result = courier.drain();
        if (result.deviceRejected()) {
          return;
        }
        if (result.blockedBy() == null) {
          backoff.reset();
        }
      }
    }
  }

  /**
   * A cycle that a full disk or a failing probe cannot turn into a dead service: the failure is
   * logged and recorded, and the next cycle tries again.
   */
  private CycleResult safeCycle() throws InterruptedException {
    try {
      return cycle();
    } catch (IOException | RuntimeException e) {
      LOG.error("collection cycle failed; retrying at the next interval", e);
      try {
        statusStore.save(statusStore.load().failed(
            new StatusError(clock.instant(), "cycle_failed", null, e.toString())));
      } catch (IOException ignored) {
        // The state folder itself is failing; the log above is all we can do.
      }
      return CycleResult.SPOOLED;
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  }

  private static Report withHealth(Report r, AgentHealth health) {
    return r.withAgent(health);
  }

  /** The report with a refused policy's reason among its unavailable values, still within limits. */
  private static Report withPolicy(PolicyRuntime.Cycle cycle, Report r) {
    if (cycle.problem().isEmpty()) {
      return r;
    }
    List<Unavailable> unavailable = new ArrayList<>(r.unavailable());
    unavailable.add(cycle.problem().get());
    return ReportLimits.fit(r.withUnavailable(unavailable));
  }
}
