package io.farmwatch.collector.correlate;

import java.time.Instant;
import java.util.List;

/** An alert as the engine produces it; storage adds status and comments. */
public record Alert(
    String id, String kind, String severity, double score, List<String> deviceIds, List<Evidence> evidence,
    String summary, Instant firstSeen, Instant lastSeen) {}
