package io.farmwatch.collector.correlate;

import java.time.Instant;
import java.util.List;

/**
 * One signal behind an alert.
 *
 * @param signal e.g. {@code SAME_GATEWAY_MAC}, {@code LAN_ADJACENCY}, {@code REMOTE_ACCESS}
 * @param strength {@code strong}, {@code weak} or {@code context}
 */
public record Evidence(
    String signal, String strength, String value, List<String> deviceIds, Instant firstSeen, Instant lastSeen,
    String detail) {}
