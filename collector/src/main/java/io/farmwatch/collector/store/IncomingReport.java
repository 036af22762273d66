package io.farmwatch.collector.store;

import io.farmwatch.collector.activity.ActivityDay;
import java.time.Instant;
import java.util.List;

/**
 * A verified report ready to be stored, with the summary that replaces the device's current one.
 *
 * @param fingerprint the report's hardware fingerprint, kept as the device's baseline (what
 *     {@code HARDWARE_CHANGED} compares with) when it has none yet; null when the report has none
 * @param activity the report's input marks by UTC day, merged into the device's history
 */
public record IncomingReport(
    String deviceId, long sequence, Instant receivedAt, Instant collectedAt, String egress,
    byte[] payload, String hostname, String agentVersion, String summaryJson,
    String observationJson, String fingerprint, List<ActivityDay> activity) {

  public IncomingReport {
    activity = List.copyOf(activity);
  }

  /** The same report with its payload in another form (as the store keeps it). */
  public IncomingReport withPayload(byte[] newPayload) {
    return new IncomingReport(deviceId, sequence, receivedAt, collectedAt, egress, newPayload, hostname,
        agentVersion, summaryJson, observationJson, fingerprint, activity);
  }
}
