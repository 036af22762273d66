package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * An enrolled device.
 *
 * @param lastSequence highest accepted report sequence, -1 before the first report
 * @param summaryJson the machine summary from its latest report (see {@code MachineSummaries})
 */
public record DeviceRecord(
    String deviceId, String publicKeyPem, String keyId, String fingerprint, String hostname,
    String agentVersion, Instant enrolledAt, Instant revokedAt, long lastSequence, Instant lastSeen,
    String lastEgress, String summaryJson, String observationJson) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
