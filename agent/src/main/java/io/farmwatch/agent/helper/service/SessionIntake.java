package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.helper.SessionMinute;
import io.farmwatch.agent.helper.SessionRefusedException;
import io.farmwatch.agent.input.series.ActivityRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes the messages of admitted helpers: checks them against {@link SessionLimits} and merges
 * their minutes, with the user, into the recorder of the running input sampler. While input
 * sampling is off (no recorder) the minutes are dropped, as the privacy setting asks.
 *
 * <p>Keeps what each helper last said for as long as its session lasts, so reports never claim a
 * session that ended: a helper's state goes when its user no longer has a graphical session (logind's
 * session closing, a Windows logoff) or {@link #GRACE} after its connection ended; a helper that said
 * it cannot sample there and left on purpose (Wayland) is believed until the session ends.
 */
public final class SessionIntake {

  /** How long a helper's state outlives its connection: time for a crashed helper to be restarted and reconnect. */
  public static final Duration GRACE = Duration.ofMinutes(2);

  private record Helper(HelperState state, BooleanSupplier inSession) {}

  private final Supplier<ActivityRecorder> recorder;
  private final Clock clock;
  private final int keepMinutes;
  private final Consumer<List<HelperState>> published;
  private final Map<String, Helper> helpers = new HashMap<>();

  /**
   * @param recorder the running sampler's recorder, or null while sampling is off
   * @param keepMinutes how far back a minute may lie: the recorder's own history
   * @param published receives the helpers' states whenever one is admitted, leaves, expires or says something
   *     new (not at every message), for {@code farmwatch-agent status}
   */
  public SessionIntake(Supplier<ActivityRecorder> recorder, Clock clock, int keepMinutes,
      Consumer<List<HelperState>> published) {
    this.recorder = recorder;
    this.clock = clock;
    this.keepMinutes = keepMinutes;
    this.published = published;
  }

  /** A helper was admitted; what it said on an earlier connection stands until it says more. */
  public void joined(SessionGate.Admission admission) {
    Instant now = clock.instant();
    synchronized (helpers) {
      Helper before = helpers.get(admission.user());
      helpers.put(admission.user(), new Helper(before == null ? HelperState.joined(admission.user(), now)
          : before.state().rejoined(now), admission::inSession));
      publish();
    }
  }

  /** Checks and takes one message of an admitted helper; nothing of a refused message is kept. */
  public void accept(String user, SessionMessage message) throws SessionRefusedException {
    SessionLimits.check(message, Math.floorDiv(clock.millis(), 60_000L), keepMinutes);
    ActivityRecorder r = recorder.get();
    if (r != null) {
      for (SessionMinute m : message.minutes()) {
        r.acceptSessionMinute(m.epochMinute(), m.activeSecondsMask(), m.keyEvents(), m.pointerEvents(),
            m.injectedEvents(), user);
      }
    }
    synchronized (helpers) {
      Helper h = helpers.get(user);
      if (h == null) {
        throw new IllegalStateException("a message of " + user + ", whose helper was never admitted");
      }
      HelperState now = h.state().heard(message, clock.instant());
      helpers.put(user, new Helper(now, h.inSession()));
      if (!now.sameAs(h.state())) {
        publish();
      }
    }
  }

  /** The helper's connection ended: its state is kept for {@link #GRACE}, or gone at once if its session did. */
  public void left(String user) {
    Instant now = clock.instant();
    Helper h;
    synchronized (helpers) {
      h = helpers.get(user);
    }
    if (h == null) {
      return;
    }
    Helper leaving = new Helper(h.state().left(now), h.inSession());
    // Decided outside the lock (it may ask logind), so a logoff is published once, as the state's end.
    boolean sessionOver = expired(leaving, now);
    synchronized (helpers) {
      // A helper that connected again meanwhile has a new state and stays.
      if (helpers.get(user) == h) {
        if (sessionOver) {
          helpers.remove(user);
        } else {
          helpers.put(user, leaving);
        }
        publish();
      }
    }
  }

  /** Hands the states on as they are now: what a service starting leaves in place of an earlier run's. */
  public void republish() {
    synchronized (helpers) {
      publish();
    }
  }

  /** The helper heard from last among those whose state still stands, if any. */
  public Optional<HelperState> latest() {
    return current().stream().filter(h -> h.heardAt() != null).max(Comparator.comparing(HelperState::heardAt));
  }

  /** The helpers whose state still stands, by user; expired ones are dropped here. */
  public List<HelperState> current() {
    Instant now = clock.instant();
    List<Helper> all;
    synchronized (helpers) {
      all = List.copyOf(helpers.values());
    }
    // Asked outside the lock: whether a session lasts may read logind's files or run a command.
    List<HelperState> expired = all.stream().filter(h -> expired(h, now)).map(Helper::state).toList();
    synchronized (helpers) {
      // A helper that connected again meanwhile has a new state and stays.
      if (helpers.values().removeIf(h -> expired.contains(h.state()))) {
        publish();
      }
      return states();
    }
  }

  private static boolean expired(Helper h, Instant now) {
    HelperState s = h.state();
    if (s.leftAt() == null) {
      return false;
    }
    return !h.inSession().getAsBoolean() || (s.unavailable() == null && !now.isBefore(s.leftAt().plus(GRACE)));
  }

  /** Holding the lock, so the states are handed on in the order they changed. */
  private void publish() {
    published.accept(states());
  }

  private List<HelperState> states() {
    List<HelperState> out = new ArrayList<>(helpers.values().stream().map(Helper::state).toList());
    out.sort(Comparator.comparing(HelperState::user));
    return List.copyOf(out);
  }
}
