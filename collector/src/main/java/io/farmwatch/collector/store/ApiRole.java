package io.farmwatch.collector.store;

/** What an API key may do: analysts read and triage; admins also manage devices, tokens and keys. */
public enum ApiRole {
  ANALYST,
  ADMIN;

  /** Whether a key of this role may use a route that needs {@code needed}. */
  public boolean allows(ApiRole needed) {
    return this == ADMIN || needed == ANALYST;
  }
}
