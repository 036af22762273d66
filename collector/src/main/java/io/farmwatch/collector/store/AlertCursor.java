package io.farmwatch.collector.store;

/**
 * Where an alert list continues: just after the alert with these sort keys. Only
 * {@link AlertCursors} makes one from a client's string, so a query never runs from a forged one.
 */
public record AlertCursor(AlertSort sort, int severityRank, long lastSeenMillis, String alertId) {

  /** The position just after {@code a} in {@code sort}'s order. */
  public static AlertCursor after(AlertSort sort, AlertRecord a) {
    return new AlertCursor(sort, a.severityRank(), a.lastSeen().toEpochMilli(), a.alertId());
  }
}
