package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * A stored alert. The JSON columns hold what the correlation engine produced.
 *
 * @param deviceIdsJson JSON array of device IDs
 * @param evidenceJson JSON array of evidence signals
 * @param commentsJson JSON array of analyst comments
 */
public record AlertRecord(
    String alertId, String kind, String severity, double score, String deviceIdsJson,
    String evidenceJson, String summary, Instant firstSeen, Instant lastSeen, String status,
    String commentsJson, Instant updatedAt) {}
