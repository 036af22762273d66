package io.farmwatch.agent.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The run interval's jitter. */
class JitterTest {

  @Test
  void intervalJitterStaysWithinTheFraction() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(Jitter.around(Duration.ofMinutes(5), 0.1, random).toMillis()).isBetween(270_000L, 330_000L);
    }
    assertThat(Jitter.around(Duration.ofSeconds(60), 0, random)).isEqualTo(Duration.ofSeconds(60));
  }
}
