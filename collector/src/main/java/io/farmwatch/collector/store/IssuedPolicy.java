package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * One issued policy version.
 *
 * @param signed the signed policy's JSON exactly as agents are served it (PROTOCOL.md §7.2)
 */
public record IssuedPolicy(long version, String signed, Instant issuedAt) {}
