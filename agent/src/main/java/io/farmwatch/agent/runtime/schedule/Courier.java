package io.farmwatch.agent.runtime.schedule;

import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.spool.SpooledReport;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.AgentStatus.StatusError;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.transport.CollectorClient;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.Accepted;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.AlreadyDelivered;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.DeviceRejected;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.ReportRejected;
import io.farmwatch.agent.runtime.transport.DeliveryOutcome.Unreachable;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends spooled reports oldest first until the spool is empty or the collector stops taking them.
 * Order matters: the collector refuses a sequence not above the last it accepted, so a newer report
 * sent first would turn every older one into a "replayed" rejection.
 */
public final class Courier {

  private static final Logger LOG = LoggerFactory.getLogger(Courier.class);

  private final Spool spool;
  private final CollectorClient client;
  private final StatusStore statusStore;
  private final Clock clock;
  private final Set<Long> rejectedSequences = new HashSet<>();

  public Courier(Spool spool, CollectorClient client, StatusStore statusStore, Clock clock) {
    this.spool = spool;
    this.client = client;
    this.statusStore = statusStore;
    this.clock = clock;
  }

  public DrainResult drain() throws IOException {
    int delivered = 0;
    int rejected = 0;
    AgentStatus status = statusStore.load();
    DeliveryOutcome blockedBy = null;
    try {
      for (SpooledReport report : spool.pending()) {
        DeliveryOutcome outcome = client.deliver(report.read());
        if (outcome instanceof Accepted || outcome instanceof AlreadyDelivered) {
          spool.acknowledge(report);
          delivered++;
          status = status.delivered(clock.instant(), report.sequence());
          LOG.info("report {} delivered{}", report.sequence(),
              outcome instanceof AlreadyDelivered ? " (collector already held it)" : "");
        } else if (outcome instanceof ReportRejected r) {
          // The same bytes would be refused again: retrying would block every later report.
          spool.discard(report);
          rejectedSequences.add(report.sequence());
          rejected++;
          status = status.failed(new StatusError(clock.instant(), "report_rejected", r.code(),
              "report " + report.sequence() + " refused (HTTP " + r.status() + "): " + r.message()));
          LOG.error("collector refused report {} (HTTP {}, {}): {}; discarded, not retried",
              report.sequence(), r.status(), r.code(), r.message());
        } else if (outcome instanceof DeviceRejected r) {
          blockedBy = r;
          status = status.stop(new StatusError(clock.instant(), "device_rejected", r.code(),
              (r.revoked() ? "device revoked by the collector" : "collector refuses this device")
                  + " (HTTP " + r.status() + "): " + r.message() + "; sending stopped, enroll again"));
          LOG.error("collector refuses this device (HTTP {}, {}): {}; sending stopped until enrolled again",
              r.status(), r.code(), r.message());
          break;
        } else if (outcome instanceof Unreachable u) {
          blockedBy = u;
          status = status.failed(new StatusError(clock.instant(), "unreachable", null, u.reason()));
          LOG.warn("collector unreachable, {} report(s) stay spooled: {}", spool.depth(), u.reason());
          break;
        }
      }
    } finally {
      statusStore.save(status);
    }
    return new DrainResult(delivered, rejected, blockedBy);
  }

  /** Whether the collector refused the report with this sequence for good during this run. */
  public boolean wasRejected(long sequence) {
    return rejectedSequences.contains(sequence);
  }
}
