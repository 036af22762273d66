package io.farmwatch.collector.store;

import io.farmwatch.protocol.report.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * Which alerts to list or count, in what order, and from where. Every filter narrows; an empty set
 * or a null leaves that filter out. Checked here, once, so a query that reaches the database is
 * always bounded and well-formed.
 *
 * @param statuses status names, any of
 * @param kinds kind names, any of
 * @param severities any of; "at least HIGH" is {HIGH, CRITICAL}
 * @param deviceId alerts naming this device
 * @param updatedSince alerts changed (by the collector or in triage) at or after this
 * @param lastSeenFrom alerts last seen at or after this
 * @param lastSeenTo alerts last seen before this
 * @param cursor continue just after this alert, which must be one of {@code sort}'s order
 * @param limit at most this many alerts, 1 to {@link #MAX_LIMIT}
 */
public record AlertQuery(
    Set<String> statuses, Set<String> kinds, Set<Severity> severities, String deviceId, Instant updatedSince,
    Instant lastSeenFrom, Instant lastSeenTo, AlertSort sort, AlertCursor cursor, int limit) {

  public static final int MAX_LIMIT = 1000;
  /** Most values one set filter takes; there are only a few statuses, kinds and severities. */
  public static final int MAX_VALUES = 16;
  /** Longest device ID or status or kind name a filter takes. */
  public static final int MAX_NAME = 128;

  public AlertQuery {
    statuses = names("status", statuses);
    kinds = names("kind", kinds);
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    if (deviceId != null && (deviceId.isEmpty() || deviceId.length() > MAX_NAME)) {
      throw new InvalidAlertQuery("device", "must be 1 to " + MAX_NAME + " characters");
    }
    if (lastSeenFrom != null && lastSeenTo != null && !lastSeenFrom.isBefore(lastSeenTo)) {
      throw new InvalidAlertQuery("to", "must be after from");
    }
    if (sort == null) {
      throw new InvalidAlertQuery("sort", "must be given");
    }
    if (cursor != null && cursor.sort() != sort) {
      throw new InvalidAlertQuery("cursor", "continues a list sorted by " + cursor.sort() + ", not " + sort);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidAlertQuery("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
  }

  /** Every alert, newest first, {@code limit} at a time. */
  public static AlertQuery newest(int limit) {
    return new AlertQuery(null, null, null, null, null, null, null, AlertSort.NEWEST, null, limit);
  }

  /** The same filters and order, {@code limit} alerts from just after {@code after} (null: from the start). */
  public AlertQuery page(AlertCursor after, int limit) {
    return new AlertQuery(statuses, kinds, severities, deviceId, updatedSince, lastSeenFrom, lastSeenTo, sort,
        after, limit);
  }

  private static Set<String> names(String parameter, Set<String> names) {
    if (names == null) {
      return Set.of();
    }
    if (names.size() > MAX_VALUES) {
      throw new InvalidAlertQuery(parameter, "takes at most " + MAX_VALUES + " values");
    }
    for (String n : names) {
      if (n == null || n.isEmpty() || n.length() > MAX_NAME) {
        throw new InvalidAlertQuery(parameter, "values must be 1 to " + MAX_NAME + " characters");
      }
    }
    return Set.copyOf(names);
  }
}
