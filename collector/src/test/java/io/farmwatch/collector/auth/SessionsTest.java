package io.farmwatch.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {

  @TempDir Path dir;
  SqliteStorage storage;
  Instant now = Instant.parse("2026-12-01T09:00:00Z");
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  Sessions sessions;
  ApiKeys keys;

  @BeforeEach
  void open() {
    storage = SqliteStorage.open(dir);
    sessions = new Sessions(storage, clock);
    keys = new ApiKeys(storage, clock);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void aGoodKeyBecomesASessionThatNamesItsKeyAndAWrongOneDoesNot() {
    var issued = keys.create(ApiRole.ANALYST, "ana", null, Actor.CLI);
    var signIn = sessions.signIn(issued.secret()).orElseThrow();
    var session = sessions.authenticate(signIn.cookie()).orElseThrow();
    assertThat(session.key().keyId()).isEqualTo(issued.stored().keyId());
    assertThat(session.csrfToken()).isEqualTo(signIn.csrfToken()).isNotEqualTo(signIn.cookie());
    assertThat(sessions.signIn(issued.secret() + "x")).isEmpty();
    assertThat(sessions.signIn(null)).isEmpty();
    assertThat(sessions.authenticate("fws_made-up")).isEmpty();
  }

  @Test
  void aSessionEndsWhenIdleTooLongAtItsLifetimeAtSignOutAndWhenItsKeyIsRevoked() {
    var issued = keys.create(ApiRole.ANALYST, "ana", null, Actor.CLI);
    String idle = sessions.signIn(issued.secret()).orElseThrow().cookie();
    now = now.plus(Sessions.IDLE).plusSeconds(1);
    assertThat(sessions.authenticate(idle)).isEmpty();

    String busy = sessions.signIn(issued.secret()).orElseThrow().cookie();
    for (Duration used = Duration.ZERO; used.compareTo(Sessions.LIFETIME) < 0; used = used.plus(Duration.ofMinutes(20))) {
      assertThat(sessions.authenticate(busy)).as("used every 20 minutes, at %s", used).isPresent();
      now = now.plus(Duration.ofMinutes(20));
    }
    assertThat(sessions.authenticate(busy)).as("past its lifetime however busy").isEmpty();

    String out = sessions.signIn(issued.secret()).orElseThrow().cookie();
    sessions.signOut(out);
    assertThat(sessions.authenticate(out)).isEmpty();

    String revoked = sessions.signIn(issued.secret()).orElseThrow().cookie();
    storage.revokeApiKey(issued.stored().keyId(), now, Actor.CLI);
    assertThat(sessions.authenticate(revoked)).isEmpty();
  }

  @Test
  void sessionsAreBoundedAndTheLeastRecentlyUsedMakesRoom() {
    String secret = keys.create(ApiRole.ANALYST, "ana", null, Actor.CLI).secret();
    String first = sessions.signIn(secret).orElseThrow().cookie();
    now = now.plusSeconds(1);
    String second = sessions.signIn(secret).orElseThrow().cookie();
    for (int i = 2; i < Sessions.MAX_SESSIONS; i++) {
      now = now.plusMillis(1);
      sessions.signIn(secret);
    }
    now = now.plus(Sessions.TOUCH_AFTER);
    assertThat(sessions.authenticate(first)).isPresent();
    sessions.signIn(secret);
    assertThat(sessions.authenticate(first)).as("used recently, kept").isPresent();
    assertThat(sessions.authenticate(second)).as("least recently used, dropped").isEmpty();
  }

  @Test
  void everyCollectorOnTheDatabaseServesTheSessionAndARestartKeepsIt() {
    String secret = keys.create(ApiRole.ANALYST, "ana", null, Actor.CLI).secret();
    Sessions other = new Sessions(storage, clock);
    var signIn = sessions.signIn(secret).orElseThrow();
    assertThat(other.authenticate(signIn.cookie())).hasValueSatisfying(a ->
        assertThat(a.csrfToken()).isEqualTo(signIn.csrfToken()));

    storage.close();
    storage = SqliteStorage.open(dir);
    sessions = new Sessions(storage, clock);
    assertThat(sessions.authenticate(signIn.cookie())).as("after a restart").isPresent();
    new Sessions(storage, clock).signOut(signIn.cookie());
    assertThat(sessions.authenticate(signIn.cookie())).as("signed out on another collector").isEmpty();
  }

  @Test
  void onlyTheCookiesHashIsStoredAndUseIsWrittenAtMostOnceAMinute() {
    String secret = keys.create(ApiRole.ANALYST, "ana", null, Actor.CLI).secret();
    String cookie = sessions.signIn(secret).orElseThrow().cookie();
    assertThat(storage.consoleSession(cookie)).isEmpty();
    Instant signedIn = now;
    now = now.plus(Sessions.TOUCH_AFTER).minusSeconds(1);
    sessions.authenticate(cookie);
    assertThat(storage.consoleSession(Secrets.hash(cookie))).hasValueSatisfying(s -> {
      assertThat(s.lastUsed()).isEqualTo(signedIn);
      assertThat(s.keyHash()).isEqualTo(Secrets.hash(secret)).doesNotContain(secret);
    });
    now = now.plusSeconds(1);
    sessions.authenticate(cookie);
    assertThat(storage.consoleSession(Secrets.hash(cookie))).hasValueSatisfying(s ->
        assertThat(s.lastUsed()).isEqualTo(now));
  }

  @Test
  void csrfTokensCompareExactly() {
    assertThat(Sessions.csrfMatches("fwc_abc", "fwc_abc")).isTrue();
    assertThat(Sessions.csrfMatches("fwc_abc", "fwc_abd")).isFalse();
    assertThat(Sessions.csrfMatches("fwc_abc", null)).isFalse();
    assertThat(Sessions.csrfMatches("fwc_abc", "")).isFalse();
  }
}
