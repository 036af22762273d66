package io.farmwatch.collector.api;

import io.farmwatch.collector.enroll.Secrets;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.Storage;
import java.time.Clock;
import java.util.Optional;

/** Creates API keys and checks {@code Authorization: Bearer} headers against them. */
public final class ApiKeys {

  private final Storage storage;
  private final Clock clock;

  public ApiKeys(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** Returns the new key; only its hash is stored. */
  public String create(ApiRole role) {
    String key = Secrets.generate("fwk_");
    String hash = Secrets.hash(key);
    storage.createApiKey(Secrets.idOf(hash), hash, role, clock.instant());
    return key;
  }

  public Optional<ApiRole> authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
      return Optional.empty();
    }
    String key = authorizationHeader.substring("Bearer ".length()).strip();
    if (key.isEmpty() || key.length() > 256) {
      return Optional.empty();
    }
    return storage.apiKeyRole(Secrets.hash(key));
  }
}
