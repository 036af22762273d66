package io.farmwatch.collector.store;

/** What an API key may do: analysts read and triage; admins also manage devices. */
public enum ApiRole {
  ANALYST,
  ADMIN
}
