package io.farmwatch.collector.store;

import java.time.Instant;

/** A verified report ready to be stored, with the summary that replaces the device's current one. */
public record IncomingReport(
    String deviceId, long sequence, Instant receivedAt, Instant collectedAt, String egress,
    byte[] payload, String hostname, String agentVersion, String summaryJson,
    String observationJson) {

  /** The same report with its payload in another form (as the store keeps it). */
  public IncomingReport withPayload(byte[] newPayload) {
    return new IncomingReport(deviceId, sequence, receivedAt, collectedAt, egress, newPayload, hostname,
        agentVersion, summaryJson, observationJson);
  }
}
