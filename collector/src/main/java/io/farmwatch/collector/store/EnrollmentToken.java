package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * An enrollment token as stored: only its hash, never the secret.
 *
 * @param tokenId short public handle used by {@code token list} and {@code token revoke}
 * @param expiresAt null when the token never expires
 */
public record EnrollmentToken(
    String tokenId, String tokenHash, Instant createdAt, Instant expiresAt, int usesLeft, Instant revokedAt) {

  public boolean usableAt(Instant now) {
    return revokedAt == null && usesLeft > 0 && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** {@code usable}, {@code revoked}, {@code used_up} or {@code expired}, as the API and CLI list it. */
  public String state(Instant now) {
    return revokedAt != null ? "revoked" : usesLeft <= 0 ? "used_up" : usableAt(now) ? "usable" : "expired";
  }
}
