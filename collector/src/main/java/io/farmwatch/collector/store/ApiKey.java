package io.farmwatch.collector.store;

import java.time.Instant;

/**
 * An API key as stored: only its hash is kept, never the key.
 *
 * @param keyId short public handle used by {@code apikey list} and {@code apikey revoke}
 * @param name who or what the key is for; every change made with the key records it
 * @param expiresAt null when the key never expires
 */
public record ApiKey(
    String keyId, String name, ApiRole role, Instant createdAt, Instant expiresAt, Instant revokedAt) {

  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** {@code active}, {@code revoked} or {@code expired}, as the API and CLI list it. */
  public String state(Instant now) {
    return revokedAt != null ? "revoked" : activeAt(now) ? "active" : "expired";
  }
}
