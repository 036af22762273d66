package io.farmwatch.collector.correlate;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * An alert before its text is formatted: what the text is made of, compared with what the alert was
 * last built from, and how to build it. An alert re-evaluated unchanged (every cluster, every full
 * pass) then costs no formatting; only a new or changed alert is built, saved and published.
 *
 * @param content the alert's members, figures and evidence values without times or text; equal
 *     content gives an equal alert but for its times
 * @param lastSeen when the alert's devices were last seen
 */
record AlertDraft(String id, List<Object> content, Instant lastSeen, Supplier<Alert> build) {}
