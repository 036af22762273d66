package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * One change in the audit log.
 *
 * @param action what was done, e.g. {@code device.revoke} or {@code alert.triage}
 * @param target the ID of what it was done to
 * @param detail what changed beyond the action itself (a new status, a role), or null
 */
public record AuditEntry(
    long entryId, Instant at, String actorId, String actorName, String action, String target, String detail) {}
