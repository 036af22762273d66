package io.farmwatch.agent.helper;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputEvent.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinuteCounterTest {

  static final long MINUTE = 29_000_000L;
  final MinuteCounter counter = new MinuteCounter();

  void event(long minute, int second, Kind kind, boolean injected) {
    counter.accept(new InputEvent(minute * 60_000 + second * 1000L + 250, kind, injected));
  }

  @Test
  void countsEachMinuteWithItsSecondsAndInjectedEvents() {
    event(MINUTE, 0, Kind.KEY, false);
    event(MINUTE, 59, Kind.POINTER, true);
    event(MINUTE, 59, Kind.POINTER, true);
    event(MINUTE + 1, 3, Kind.KEY, true);

    assertThat(counter.take(MINUTE + 1)).containsExactly(
        new SessionMinute(MINUTE, 1L | 1L << 59, 1, 2, 2),
        new SessionMinute(MINUTE + 1, 1L << 3, 1, 0, 1));
    assertThat(counter.hasChanges()).isFalse();
  }

  @Test
  void theCurrentMinuteIsTakenAgainWithItsWholeCountWhenItChanges() {
    event(MINUTE, 1, Kind.KEY, false);
    assertThat(counter.take(MINUTE)).containsExactly(new SessionMinute(MINUTE, 1L << 1, 1, 0, 0));
    assertThat(counter.take(MINUTE)).isEmpty();

    event(MINUTE, 2, Kind.KEY, false);
    assertThat(counter.take(MINUTE + 1)).containsExactly(new SessionMinute(MINUTE, 0b110L, 2, 0, 0));
    event(MINUTE + 1, 0, Kind.KEY, false);
    assertThat(counter.take(MINUTE + 1)).extracting(SessionMinute::epochMinute).containsExactly(MINUTE + 1);
  }

  @Test
  void minutesPutBackGoWithTheNextMessageAndTheBacklogIsBounded() {
    event(MINUTE, 1, Kind.KEY, false);
    List<SessionMinute> failed = counter.take(MINUTE + 1);
    counter.putBack(failed);
    assertThat(counter.take(MINUTE + 1)).isEqualTo(failed);

    for (int i = 0; i < SessionLimits.MAX_MINUTES_PER_MESSAGE + 5; i++) {
      event(MINUTE + i, 0, Kind.POINTER, false);
    }
    List<SessionMinute> backlog = counter.take(MINUTE + 100);
    assertThat(backlog).hasSize(SessionLimits.MAX_MINUTES_PER_MESSAGE);
    assertThat(backlog.get(0).epochMinute()).isEqualTo(MINUTE + 5);
  }

  @Test
  void countsSaturateAtTheLimit() {
    for (int i = 0; i < SessionLimits.MAX_EVENTS_PER_MINUTE + 3; i++) {
      counter.accept(new InputEvent(MINUTE * 60_000, Kind.POINTER, true));
    }
    SessionMinute m = counter.take(MINUTE).get(0);
    assertThat(m.pointerEvents()).isEqualTo(SessionLimits.MAX_EVENTS_PER_MINUTE);
    assertThat(m.injectedEvents()).isEqualTo(SessionLimits.MAX_EVENTS_PER_MINUTE);
  }
}
