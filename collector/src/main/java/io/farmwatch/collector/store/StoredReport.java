package io.farmwatch.collector.store;

import java.time.Instant;

/** A raw report as kept, for the analyst API. */
public record StoredReport(
    String deviceId, long sequence, Instant receivedAt, Instant collectedAt, String egress, byte[] payload) {}
