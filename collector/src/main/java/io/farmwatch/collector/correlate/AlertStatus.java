package io.farmwatch.collector.correlate;

/** An analyst's triage of an alert; the names are the {@code status} on the API and in the database. */
public enum AlertStatus {
  OPEN,
  ACKNOWLEDGED,
  CLOSED_TRUE_POSITIVE,
  CLOSED_FALSE_POSITIVE,
  /** The collector saw the condition end (a silent agent reported again); it reopens if it returns. */
  RESOLVED,
  /** Absorbed into an older alert when their clusters joined; the history names which. */
  MERGED;

  /** The status named {@code name}, or null when it names none. */
  public static AlertStatus parse(String name) {
    for (AlertStatus s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
