package io.farmwatch.collector.correlate;

/**
 * Where an alert stands; the names are the {@code status} on the API and in the database. Analysts
 * set the first four; the collector alone sets {@link #RESOLVED} and {@link #MERGED}, since only it
 * sees a condition end or two clusters become one.
 */
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

  /** Whether an analyst may set this status through the API. */
  public boolean analystMaySet() {
    return this != RESOLVED && this != MERGED;
  }
}
