package io.farmwatch.collector.auth;

import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.ConsoleSession;
import io.farmwatch.collector.store.Storage;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's sign-ins: an API key typed once becomes a session named by a random cookie, kept in
 * the database so every collector sharing it serves the session and a restart signs nobody out. Only
 * hashes of the cookie and of the key are stored; each use re-checks the key, so revoking or
 * expiring a key ends its sessions at once. At most {@link #MAX_SESSIONS} live at a time; a sign-in
 * past that drops the least recently used one, so the table stays bounded whoever signs in.
 */
public final class Sessions {

  public static final String COOKIE = "fw_session";
  /** The header a session's changes carry its CSRF token in: a page on another site cannot set it. */
  public static final String CSRF_HEADER = "X-FarmWatch-CSRF";
  public static final int MAX_SESSIONS = 1000;
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration LIFETIME = Duration.ofHours(12);
  /**
   * How stale a session's stored last use may get before a request writes it again: a console's
   * every request would otherwise be a database write. Idle time is counted to within this.
   */
  static final Duration TOUCH_AFTER = Duration.ofMinutes(1);

  /** What a sign-in hands the browser: the cookie's value and the CSRF token, plus the key's identity. */
  public record SignIn(String cookie, String csrfToken, ApiKey key) {}

  /** The key a request's session stands for, and the CSRF token it must present on changes. */
  public record Authenticated(ApiKey key, String csrfToken) {}

  private final Storage storage;
  private final Clock clock;

  public Sessions(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** A new session for this key if it is active; empty (and nothing stored) otherwise. */
  public Optional<SignIn> signIn(String apiKey) {
    if (apiKey == null || apiKey.isBlank() || apiKey.length() > 256) {
      return Optional.empty();
    }
    String keyHash = Secrets.hash(apiKey.strip());
    Instant now = clock.instant();
    Optional<ApiKey> key = storage.activeApiKey(keyHash, now);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    String cookie = Secrets.generate("fws_");
    String csrf = Secrets.generate("fwc_");
    storage.createConsoleSession(new ConsoleSession(Secrets.hash(cookie), keyHash, csrf, now, now),
        now.minus(LIFETIME), now.minus(IDLE), MAX_SESSIONS);
    return Optional.of(new SignIn(cookie, csrf, key.get()));
  }

  /** The session's key if the cookie names a live session whose key is still active. */
  public Optional<Authenticated> authenticate(String cookie) {
    if (cookie == null || cookie.length() > 128) {
      return Optional.empty();
    }
    String cookieHash = Secrets.hash(cookie);
    Optional<ConsoleSession> stored = storage.consoleSession(cookieHash);
    Instant now = clock.instant();
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    ConsoleSession s = stored.get();
    Optional<ApiKey> key = live(s, now) ? storage.activeApiKey(s.keyHash(), now) : Optional.empty();
    if (key.isEmpty()) {
      storage.deleteConsoleSession(cookieHash);
      return Optional.empty();
    }
    if (!now.isBefore(s.lastUsed().plus(TOUCH_AFTER))) {
      storage.touchConsoleSession(cookieHash, now);
    }
    return Optional.of(new Authenticated(key.get(), s.csrfToken()));
  }

  public void signOut(String cookie) {
    if (cookie != null && cookie.length() <= 128) {
      storage.deleteConsoleSession(Secrets.hash(cookie));
    }
  }

  /** Whether a presented CSRF token is the session's, compared in constant time. */
  public static boolean csrfMatches(String expected, String presented) {
    return presented != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean live(ConsoleSession s, Instant now) {
    return now.isBefore(s.createdAt().plus(LIFETIME)) && now.isBefore(s.lastUsed().plus(IDLE));
  }
}
