package io.farmwatch.agent.helper.unix;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.helper.Refusal;
import io.farmwatch.agent.helper.SessionChannel;
import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.helper.SessionMinute;
import io.farmwatch.agent.helper.SessionRefusedException;
import io.farmwatch.agent.helper.service.HelperLocaleProbe;
import io.farmwatch.agent.helper.service.HelperState;
import io.farmwatch.agent.helper.service.SessionConversation;
import io.farmwatch.agent.helper.service.SessionGate;
import io.farmwatch.agent.helper.service.SessionIntake;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.probe.LocaleProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.runtime.testing.MovingClock;
import io.farmwatch.protocol.report.LocaleInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A helper's state ends with its session, over the service's real Unix socket: reports stop claiming
 * its user's layouts and minutes once the helper is gone for the grace period or its user logged off,
 * and a Wayland helper's word (it left on purpose) holds until the session ends.
 */
class HelperExpiryTest {

  static final long NOW_MINUTE = 29_000_000L;

  @TempDir Path dir;
  private final MovingClock clock = new MovingClock(Instant.ofEpochSecond(NOW_MINUTE * 60 + 30));
  private final AtomicBoolean loggedOn = new AtomicBoolean(true);
  private final ActivityRecorder recorder = new ActivityRecorder(6);
  private final List<List<HelperState>> published = new CopyOnWriteArrayList<>();
  private final SessionIntake intake = new SessionIntake(() -> recorder, clock, 60, published::add);
  private UnixSessionListener listener;
  private Path socket;

  @BeforeEach
  void listen() throws Exception {
    socket = dir.resolve("session.sock");
    listener = UnixSessionListener.start(socket,
        new SessionConversation(new SessionGate(user -> loggedOn.get()), intake, clock));
  }

  @AfterEach
  void close() throws Exception {
    listener.close();
  }

  private static SessionMessage message(String unavailable, SessionMinute... minutes) {
    return new SessionMessage(SessionLimits.VERSION, "x11-xinput2", List.of(minutes), List.of("kr"),
        List.of("ibus:hangul"), unavailable);
  }

  /** A helper connects, says {@code message} and goes; returns once the service saw it go. */
  private String helperSaysAndLeaves(SessionMessage message) throws Exception {
    try (SessionChannel channel = connect()) {
      channel.send(message);
    }
    HelperState gone = await(h -> h.leftAt() != null);
    assertThat(gone.heardAt()).as("the message came before the end").isNotNull();
    return gone.user();
  }

  /**
   * Connects as a helper does; the service frees the user's place just after it saw the previous
   * connection go, so a helper reconnecting at once may be told it is still connected.
   */
  private SessionChannel connect() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return new UnixSessionConnector(socket).connect();
      } catch (SessionRefusedException e) {
        if (e.refusal() != Refusal.ALREADY_CONNECTED || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  private HelperState await(Predicate<HelperState> what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (List<HelperState> states : published) {
        for (HelperState h : states) {
          if (what.test(h)) {
            return h;
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the service never published such a helper state: " + published);
  }

  private LocaleInfo reportedLocale() {
    LocaleProbe own = () -> new ProbeResult<>(new LocaleInfo("en_US", null, null, null, List.of("us"), List.of(), null),
        List.of());
    return new HelperLocaleProbe(own, intake::latest).collect().value();
  }

  @Test
  void aHelperThatLeftStopsCountingAfterTheGracePeriod() throws Exception {
    String user = helperSaysAndLeaves(message(null, new SessionMinute(NOW_MINUTE, 0b111L, 5, 1, 0)));

    clock.advance(SessionIntake.GRACE.minusSeconds(1));
    assertThat(reportedLocale().layoutsFrom()).as("a restarted helper may still reconnect")
        .isEqualTo(LocaleInfo.FROM_SESSION_HELPER);
    assertThat(recorder.series("x11-xinput2", clock.instant()).sessionUser()).isEqualTo(user);

    clock.advance(Duration.ofSeconds(1));
    assertThat(reportedLocale().keyboardLayouts()).containsExactly("us");
    assertThat(reportedLocale().layoutsFrom()).isNull();
    assertThat(intake.current()).isEmpty();
    assertThat(published.get(published.size() - 1)).as("what status shows").isEmpty();
    // Its minutes happened and stay in the series they belong to; once older than it, nothing claims the session.
    clock.advance(Duration.ofMinutes(6));
    assertThat(recorder.series("x11-xinput2", clock.instant()).sessionUser()).isNull();
    assertThat(recorder.hasSessionMinutes(clock.instant())).isFalse();
  }

  @Test
  void aLogoffEndsTheStateAtOnce() throws Exception {
    // The user logs off while the helper is connected, and the helper dies with the session.
    try (SessionChannel channel = connect()) {
      channel.send(message(null, new SessionMinute(NOW_MINUTE, 0b1L, 1, 0, 0)));
      await(h -> h.heardAt() != null);
      assertThat(intake.latest()).isPresent();
      loggedOn.set(false);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!published.get(published.size() - 1).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(published.get(published.size() - 1)).as("gone from status without waiting for a report").isEmpty();
    assertThat(published).as("published once at the logoff: no left state before the end")
        .noneSatisfy(states -> assertThat(states).anySatisfy(h -> assertThat(h.leftAt()).isNotNull()));
    assertThat(intake.latest()).isEmpty();
    assertThat(reportedLocale().layoutsFrom()).isNull();
  }

  @Test
  void aWaylandHelpersWordHoldsUntilTheSessionEnds() throws Exception {
    helperSaysAndLeaves(message("wayland: the compositor gives no client the session's input"));

    clock.advance(Duration.ofHours(3));
    assertThat(intake.latest()).hasValueSatisfying(h -> {
      assertThat(h.unavailable()).startsWith("wayland");
      assertThat(h.leftAt()).isNotNull();
    });
    assertThat(reportedLocale().keyboardLayouts()).containsExactly("kr");

    loggedOn.set(false);
    assertThat(intake.latest()).isEmpty();
  }

  @Test
  void aHelperThatReconnectsWithinTheGraceKeepsItsState() throws Exception {
    helperSaysAndLeaves(message(null));
    clock.advance(Duration.ofMinutes(1));
    published.clear();
    try (SessionChannel channel = connect()) {
      HelperState back = await(h -> h.leftAt() == null);
      assertThat(back.keyboardLayouts()).as("what it said before").containsExactly("kr");
      clock.advance(SessionIntake.GRACE.multipliedBy(2));
      assertThat(intake.latest()).hasValueSatisfying(h -> assertThat(h.leftAt()).isNull());
    }
  }
}
