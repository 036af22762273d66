package io.farmwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void readsEverySpellingTheAgentAndTheCollectorTook() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse(" 90 s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("0s")).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5x", "-5m", "1.5h", "5 minutes", "99999999999999999999h", "9999999999999999d"})
  void refusesAnythingElseWithoutRepeatingIt(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a duration is a number and a unit");
  }

  @Test
  void positiveRefusesZeroAndNegative() {
    assertThat(Durations.parsePositive("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> Durations.parsePositive("0d")).hasMessage("a duration must be longer than zero");
    assertThatThrownBy(() -> Durations.parsePositive("PT-5M")).hasMessage("a duration must be longer than zero");
    assertThatThrownBy(() -> Durations.parsePositive(null)).hasMessageStartingWith("a duration is");
  }
}
