package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * One change to an alert's triage, as its history records it.
 *
 * @param by the API key that made it, or the collector part (e.g. {@code collector}/{@code correlation})
 * @param fromStatus the status before, null when unknown (comments kept before histories existed)
 * @param toStatus the status after, null when unknown
 * @param comment the analyst's comment or the collector's explanation, null when none
 */
public record AlertChange(
    String alertId, Instant at, Actor by, AlertAction action, String fromStatus, String toStatus,
    String comment) {}
