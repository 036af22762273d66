package io.farmwatch.collector.auth;

import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.Storage;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sign-ins: an API key typed once becomes a server-side session named by a random
 * cookie. Only hashes of the cookie and of the key are held; each use re-checks the key, so revoking
 * or expiring a key ends its sessions at once. At most {@link #MAX_SESSIONS} live at a time (a few
 * hundred bytes each); a sign-in past that drops the least recently used one, so memory is bounded
 * whoever signs in.
 */
public final class Sessions {

  public static final String COOKIE = "fw_session";
  /** The header a session's changes carry its CSRF token in: a page on another site cannot set it. */
  public static final String CSRF_HEADER = "X-FarmWatch-CSRF";
  public static final int MAX_SESSIONS = 1000;
  public static final Duration IDLE = Duration.ofMinutes(30);
  public static final Duration LIFETIME = Duration.ofHours(12);

  /** A live session: the key behind it and the token every change must carry. */
  public record Session(String keyHash, String csrfToken, Instant createdAt, Instant lastUsed) {
    boolean liveAt(Instant now) {
      return now.isBefore(createdAt.plus(LIFETIME)) && now.isBefore(lastUsed.plus(IDLE));
    }
  }

  /** What a sign-in hands the browser: the cookie's value and the CSRF token, plus the key's identity. */
  public record SignIn(String cookie, String csrfToken, ApiKey key) {}

  /** The key a request's session stands for, and the CSRF token it must present on changes. */
  public record Authenticated(ApiKey key, String csrfToken) {}

  private final Storage storage;
  private final Clock clock;
  private final Map<String, Session> byCookieHash = new ConcurrentHashMap<>();

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
    makeRoom(now);
    String cookie = Secrets.generate("fws_");
    String csrf = Secrets.generate("fwc_");
    byCookieHash.put(Secrets.hash(cookie), new Session(keyHash, csrf, now, now));
    return Optional.of(new SignIn(cookie, csrf, key.get()));
  }

  /** The session's key if the cookie names a live session whose key is still active. */
  public Optional<Authenticated> authenticate(String cookie) {
    if (cookie == null || cookie.length() > 128) {
      return Optional.empty();
    }
    String cookieHash = Secrets.hash(cookie);
    Session s = byCookieHash.get(cookieHash);
    Instant now = clock.instant();
    if (s == null || !s.liveAt(now)) {
      if (s != null) {
        byCookieHash.remove(cookieHash, s);
      }
      return Optional.empty();
    }
    Optional<ApiKey> key = storage.activeApiKey(s.keyHash(), now);
    if (key.isEmpty()) {
      byCookieHash.remove(cookieHash);
      return Optional.empty();
    }
    byCookieHash.replace(cookieHash, s, new Session(s.keyHash(), s.csrfToken(), s.createdAt(), now));
    return Optional.of(new Authenticated(key.get(), s.csrfToken()));
  }

  public void signOut(String cookie) {
    if (cookie != null && cookie.length() <= 128) {
      byCookieHash.remove(Secrets.hash(cookie));
    }
  }

  public int size() {
    return byCookieHash.size();
  }

  /** Whether a presented CSRF token is the session's, compared in constant time. */
  public static boolean csrfMatches(String expected, String presented) {
    return presented != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  private synchronized void makeRoom(Instant now) {
    byCookieHash.entrySet().removeIf(e -> !e.getValue().liveAt(now));
    while (byCookieHash.size() >= MAX_SESSIONS) {
      byCookieHash.entrySet().stream()
          .min(Comparator.comparing(e -> e.getValue().lastUsed()))
          .ifPresent(e -> byCookieHash.remove(e.getKey()));
    }
  }
}
