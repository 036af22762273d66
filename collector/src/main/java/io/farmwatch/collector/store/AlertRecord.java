package io.farmwatch.collector.store;

import io.farmwatch.protocol.report.Severity;
import java.time.Instant;

/**
 * A stored alert. The JSON columns hold what the correlation engine produced; comments and every
 * other triage change live in the alert's history ({@link AlertHistoryEntry}).
 *
 * @param deviceIdsJson JSON array of device IDs
 * @param evidenceJson JSON array of evidence signals
 * @param severity a {@link Severity} name
 */
public record AlertRecord(
    String alertId, String kind, String severity, double score, String deviceIdsJson,
    String evidenceJson, String summary, Instant firstSeen, Instant lastSeen, String status,
    Instant updatedAt) {

  /** The severity's place in {@link Severity}'s order, which "most severe first" sorts by. */
  public int severityRank() {
    return Severity.valueOf(severity).ordinal();
  }
}
