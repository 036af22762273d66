package io.farmwatch.collector.auth;

import io.farmwatch.collector.auth.Issued;
import io.farmwatch.collector.auth.Secrets;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creates API keys and checks {@code Authorization: Bearer} headers against them. */
public final class ApiKeys {

  /** Names go into the audit log and the CLI's table: short, printable, no separators to forge. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@+-]{0,63}");

  private final Storage storage;
  private final Clock clock;

  public ApiKeys(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * Creates a key; only its hash is stored.
   *
   * @param validFor null for a key that never expires
   */
  public Issued<ApiKey> create(ApiRole role, String name, Duration validFor, Actor by) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a key's name is 1 to 64 letters, digits, spaces or ._@+-,"
          + " starting with a letter or digit");
    }
    String secret = Secrets.generate("fwk_");
    String hash = Secrets.hash(secret);
    Instant now = clock.instant();
    ApiKey key = new ApiKey(Secrets.idOf(hash), name, role, now,
        validFor == null ? null : now.plus(validFor), null);
    storage.createApiKey(key, hash, by);
    return new Issued<>(key, secret);
  }

  /** The key the header names, if it is neither revoked nor expired. */
  public Optional<ApiKey> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
      return Optional.empty();
    }
    String key = authorizationHeader.substring("Bearer ".length()).strip();
    if (key.isEmpty() || key.length() > 256) {
      return Optional.empty();
    }
    return storage.activeApiKey(Secrets.hash(key), clock.instant());
  }
}
