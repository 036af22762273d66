package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.helper.SessionMinute;
import io.farmwatch.agent.helper.SessionRefusedException;
import io.farmwatch.agent.input.series.ActivityRecorder;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes the messages of admitted helpers: checks them against {@link SessionLimits} and merges
 * their minutes, with the user, into the recorder of the running input sampler. While input
 * sampling is off (no recorder) the minutes are dropped, as the privacy setting asks.
 */
public final class SessionIntake {

  private final Supplier<ActivityRecorder> recorder;
  private final Clock clock;
  private final int keepMinutes;
  private final Map<String, HelperState> states = new HashMap<>();

  /**
   * @param recorder the running sampler's recorder, or null while sampling is off
   * @param keepMinutes how far back a minute may lie: the recorder's own history
   */
  public SessionIntake(Supplier<ActivityRecorder> recorder, Clock clock, int keepMinutes) {
    this.recorder = recorder;
    this.clock = clock;
    this.keepMinutes = keepMinutes;
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
    synchronized (states) {
      states.put(user, new HelperState(user, message.source(), message.keyboardLayouts(), message.inputMethods(),
          message.unavailable(), clock.instant()));
    }
  }

  /** The helper heard from last, if any. */
  public Optional<HelperState> latest() {
    synchronized (states) {
      return states.values().stream().max(Comparator.comparing(HelperState::heardAt));
    }
  }
}
