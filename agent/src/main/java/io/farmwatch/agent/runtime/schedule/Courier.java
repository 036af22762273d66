package io.farmwatch.agent.runtime.schedule;

import io.farmwatch.agent.identity.SequenceCounter;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.spool.SpooledReport;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.AgentStatus.StatusError;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.transport.CollectorClient;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.Accepted;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.DeviceRefused;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.Replayed;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.ReportRefused;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.Unreachable;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.report.CollectorRtt;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spooled reports oldest first until the spool is empty or the collector stops taking them.
 * Order matters: the collector refuses a sequence not above the last it accepted, so a newer report
 * sent first would turn every older one into a "replayed" rejection.
 *
 * <p>A 409 {@code replayed} means delivered only for a report that may have reached the collector
 * before: one whose earlier send ended without an answer, or one already spooled when this process
 * started (the last one may have died mid-send). For any other report it means the collector holds
 * a higher sequence than this device's counter (a state folder restored from a backup, say), and
 * taking it as delivered would silently lose every report from then on. Such refusals are logged,
 * counted in the status, and after {@value #FRESH_REPLAYS_BEFORE_SKIP} in a row the sequence counter
 * skips ahead by {@value #SEQUENCE_SKIP}.
 */
public final class Courier {

  private static final Logger LOG = LoggerFactory.getLogger(Courier.class);
  static final int FRESH_REPLAYS_BEFORE_SKIP = 3;
  /** Ten years of reports at the default five-minute interval; far from the 2^63 end of the range. */
  static final long SEQUENCE_SKIP = 1_000_000;

  private final Spool spool;
  private final CollectorClient client;
  private final StatusStore statusStore;
  private final SequenceCounter sequence;
  private final Clock clock;
  private final Set<Long> rejectedSequences = new HashSet<>();
  private final Set<Long> maybeDelivered = new HashSet<>();
  private Duration retryAfter;

  public Courier(Spool spool, CollectorClient client, StatusStore statusStore, SequenceCounter sequence, Clock clock) {
    this.spool = spool;
    this.client = client;
    this.statusStore = statusStore;
    this.sequence = sequence;
    this.clock = clock;
    spool.pending().forEach(r -> maybeDelivered.add(r.sequence()));
  }

  public DrainResult drain() throws IOException {
    int delivered = 0;
    int rejected = 0;
    AgentStatus status = statusStore.load();
    DeliveryOutcome blockedBy = null;
    retryAfter = null;
    try {
      for (SpooledReport report : spool.pending()) {
        DeliveryOutcome outcome = client.deliver(report.read());
        if (outcome instanceof Accepted
            || (outcome instanceof Replayed && maybeDelivered.contains(report.sequence()))) {
          spool.acknowledge(report);
          maybeDelivered.remove(report.sequence());
          delivered++;
          status = status.delivered(clock.instant(), report.sequence());
          LOG.info("report {} delivered{}", report.sequence(),
              outcome instanceof Replayed ? " (collector already held it)" : "");
        } else if (outcome instanceof Replayed r) {
          rejected++;
          status = refuseFreshReplay(report, r, status);
        } else if (outcome instanceof ReportRefused r) {
          // The same bytes would be refused again: retrying would block every later report.
          spool.discard(report);
          rejectedSequences.add(report.sequence());
          rejected++;
          status = status.refused(new StatusError(clock.instant(), "report_rejected", r.code(),
              "report " + report.sequence() + " refused (HTTP " + r.status() + "): " + r.message()), false);
          LOG.error("collector refused report {} (HTTP {}, {}): {}; discarded, not retried",
              report.sequence(), r.status(), r.code(), r.message());
        } else if (outcome instanceof DeviceRefused r) {
          blockedBy = r;
          status = status.stop(new StatusError(clock.instant(), "device_rejected", r.code(),
              (r.revoked() ? "device revoked by the collector" : "collector refuses this device")
                  + " (HTTP " + r.status() + "): " + r.message() + "; sending stopped, enroll again"));
          LOG.error("collector refuses this device (HTTP {}, {}): {}; sending stopped until enrolled again",
              r.status(), r.code(), r.message());
          break;
        } else if (outcome instanceof Unreachable u) {
          blockedBy = u;
          // The request may have reached the collector before the answer was lost.
          maybeDelivered.add(report.sequence());
          retryAfter = u.retryAfter();
          status = status.failed(new StatusError(clock.instant(), "unreachable", null, u.reason()));
          LOG.warn("collector unreachable, {} report(s) stay spooled: {}", spool.depth(), u.reason());
          break;
        }
      }
    } finally {
      statusStore.save(status);
    }
    if (delivered > 0 && blockedBy == null) {
      client.measureRoundTrip();
    }
    return new DrainResult(delivered, rejected, blockedBy);
  }

  private AgentStatus refuseFreshReplay(SpooledReport report, Replayed r, AgentStatus status) throws IOException {
    spool.discard(report);
    rejectedSequences.add(report.sequence());
    AgentStatus refused = status.refused(new StatusError(clock.instant(), "sequence_behind", ErrorCode.REPLAYED.code(),
        "report " + report.sequence() + " refused as replayed though never sent before: the collector holds"
            + " a higher sequence for this device (" + r.message() + ")"), true);
    int run = refused.freshReplays();
    if (run < FRESH_REPLAYS_BEFORE_SKIP) {
      LOG.warn("collector refused fresh report {} as replayed ({}); {} in a row, discarded",
          report.sequence(), r.message(), run);
      return refused;
    }
    String skipped = "";
    if (run % FRESH_REPLAYS_BEFORE_SKIP == 0) {
      long from = sequence.current();
      long base = Math.max(from, report.sequence());
      long to = sequence.skipTo(base > Long.MAX_VALUE - SEQUENCE_SKIP ? Long.MAX_VALUE : base + SEQUENCE_SKIP);
      skipped = "; sequence counter skipped from " + from + " to " + to;
    }
    LOG.error("collector refused {} fresh reports in a row as replayed ({}): it holds a higher sequence than"
        + " this device's counter, and these reports are lost{}", run, r.message(), skipped);
    return refused;
  }

  /** Round trips to the collector measured since the previous call; null when none was. */
  public CollectorRtt takeRoundTrips() {
    return client.takeRoundTrips();
  }

  /** Whether the collector refused the report with this sequence for good during this run. */
  public boolean wasRejected(long sequence) {
    return rejectedSequences.contains(sequence);
  }

  /** The Retry-After of the answer that ended the last pass, or null when there was none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
