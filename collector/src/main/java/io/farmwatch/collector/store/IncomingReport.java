package io.farmwatch.collector.store;

import java.time.Instant;

/** A verified report ready to be stored, with the summary that replaces the device's current one. */
public record IncomingReport(
    String deviceId, long sequence, Instant receivedAt, Instant collectedAt, String egress,
    byte[] payload, String hostname, String agentVersion, String summaryJson,
    String observationJson) {}
