package io.farmwatch.agent.runtime.testtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The test time scale: refused unless allowed, every bad value named, and the clock it makes. */
class TestTimeScaleTest {

  static final String ANCHOR = "2026-12-01T10:00:00Z";
  static final String ORIGIN = "2026-11-27T08:00:00Z";

  static Map<String, String> env(String scale, String anchor, String origin) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put(TestTimeScale.SCALE, scale);
    env.put(TestTimeScale.ANCHOR, anchor);
    env.put(TestTimeScale.ORIGIN, origin);
    env.values().removeIf(java.util.Objects::isNull);
    return env;
  }

  @Test
  void noVariableMeansRealTime() throws Exception {
    assertThat(TestTimeScale.from(Map.of("PATH", "/bin"), false)).isEmpty();
    assertThat(TestTimeScale.from(Map.of(), true)).isEmpty();
  }

  @Test
  void aVariableWithoutTheTestFlagIsRefusedByName() {
    assertThatThrownBy(() -> TestTimeScale.from(env("2400", ANCHOR, ORIGIN), false))
        .isInstanceOf(TestTimeScale.InvalidTestTimeException.class)
        .hasMessageContaining("FARMWATCH_TEST_TIME_SCALE is a test setting")
        .hasMessageContaining("-Dfarmwatch.test=true");
    assertThatThrownBy(() -> TestTimeScale.from(env(null, null, ORIGIN), false))
        .hasMessageStartingWith("FARMWATCH_TEST_TIME_ORIGIN is a test setting");
  }

  @Test
  void badValuesAreRefusedNamingTheirVariable() {
    for (String scale : List.of("1", "0", "-5", "100001", "fast", "2.5", "")) {
      assertThatThrownBy(() -> TestTimeScale.from(env(scale, ANCHOR, ORIGIN), true))
          .as(scale).hasMessageStartingWith("FARMWATCH_TEST_TIME_SCALE must be a whole number from 2 to 100000");
    }
    assertThatThrownBy(() -> TestTimeScale.from(env("2400", "yesterday", ORIGIN), true))
        .hasMessageStartingWith("FARMWATCH_TEST_TIME_ANCHOR must be an ISO-8601 UTC instant");
    assertThatThrownBy(() -> TestTimeScale.from(env("2400", ANCHOR, null), true))
        .hasMessageStartingWith("FARMWATCH_TEST_TIME_ORIGIN must be set");
    assertThatThrownBy(() -> TestTimeScale.from(env(null, ANCHOR, ORIGIN), true))
        .hasMessageStartingWith("FARMWATCH_TEST_TIME_SCALE must be set");
    assertThatThrownBy(() -> TestTimeScale.from(env("2400", ORIGIN, ANCHOR), true))
        .hasMessageStartingWith("FARMWATCH_TEST_TIME_ORIGIN must not be later than FARMWATCH_TEST_TIME_ANCHOR");
  }

  @Test
  void theClockRunsScaleTimesAsFastFromTheOriginAtTheAnchor() throws Exception {
    TestTimeScale scale = TestTimeScale.from(env("2400", ANCHOR, ORIGIN), true).orElseThrow();
    Instant anchor = Instant.parse(ANCHOR);
    DilatedClock atAnchor = scale.clock(Clock.fixed(anchor, ZoneOffset.UTC));
    assertThat(atAnchor.instant()).isEqualTo(Instant.parse(ORIGIN));
    // 25 real milliseconds later a simulated minute has passed; a real second is 40 minutes.
    assertThat(scale.clock(Clock.fixed(anchor.plusMillis(25), ZoneOffset.UTC)).instant())
        .isEqualTo(Instant.parse("2026-11-27T08:01:00Z"));
    assertThat(scale.clock(Clock.fixed(anchor.plusSeconds(1), ZoneOffset.UTC)).instant())
        .isEqualTo(Instant.parse("2026-11-27T08:40:00Z"));
    // Before the anchor simulated time runs before the origin, as fast.
    assertThat(atAnchor.simulated(anchor.minusMillis(50).toEpochMilli()))
        .isEqualTo(Instant.parse("2026-11-27T07:58:00Z").toEpochMilli());
    assertThat(scale.realMillisPerMinute()).isEqualTo(25.0);
  }

  @Test
  void eventsAreStampedWithSimulatedTime() throws Exception {
    TestTimeScale scale = TestTimeScale.from(env("2400", ANCHOR, ORIGIN), true).orElseThrow();
    DilatedClock clock = scale.clock(Clock.systemUTC());
    List<Consumer<InputEvent>> started = new ArrayList<>();
    InputSource real = new InputSource() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public void start(Consumer<InputEvent> events) {
        started.add(events);
      }

      @Override
      public void close() {}
    };
    List<InputEvent> seen = new ArrayList<>();
    try (DilatedInputSource source = new DilatedInputSource(real, clock)) {
      source.start(seen::add);
      long at = Instant.parse(ANCHOR).plusMillis(50).toEpochMilli();
      started.get(0).accept(new InputEvent(at, InputEvent.Kind.KEY, true));
      assertThat(source.name()).isEqualTo("fake");
    }
    assertThat(seen).containsExactly(new InputEvent(Instant.parse("2026-11-27T08:02:00Z").toEpochMilli(),
        InputEvent.Kind.KEY, true));
  }
}
