package io.farmwatch.collector.store;

import java.util.Optional;

/**
 * What an API key may do, checked per route by {@code auth.Access}: analysts read and triage; admins
 * also revoke devices, manage enrollment tokens and API keys, and read the audit log.
 */
public enum ApiRole {
  ANALYST,
  ADMIN;

  /** The role by its lower-case name, as the CLI and API write it. */
  public static Optional<ApiRole> named(String name) {
    return switch (name) {
      case "analyst" -> Optional.of(ANALYST);
      case "admin" -> Optional.of(ADMIN);
      default -> Optional.empty();
    };
  }

  /** Whether a key of this role may use a route that needs {@code needed}. */
  public boolean allows(ApiRole needed) {
    return this == ADMIN || needed == ANALYST;
  }
}
