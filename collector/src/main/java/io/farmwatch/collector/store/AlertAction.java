package io.farmwatch.collector.store;

/** What an alert history entry records; the names are the {@code action} on the API and in the database. */
public enum AlertAction {
  /** An analyst changed the status, perhaps with a comment. */
  TRIAGED,
  /** A comment without a status change. */
  COMMENTED,
  /** The collector saw the condition end. */
  RESOLVED,
  /** The collector saw a resolved condition return. */
  REOPENED,
  /** The collector absorbed this alert into an older one, which the entry's comment names. */
  MERGED
}
