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
}
