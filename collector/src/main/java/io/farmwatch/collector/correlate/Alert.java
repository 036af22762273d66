package io.farmwatch.collector.correlate;

import io.farmwatch.protocol.report.Severity;
import java.time.Instant;
import java.util.List;

/** An alert as the engine produces it; storage adds status and comments. */
public record Alert(
    String id, AlertKind kind, Severity severity, double score, List<String> deviceIds, List<Evidence> evidence,
    String summary, Instant firstSeen, Instant lastSeen) {}
