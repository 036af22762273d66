package io.farmwatch.agent.runtime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @RepeatedTest(20)
  void doublesUpToTheCapWithJitterBetweenHalfAndAll() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), new SplittableRandom());
    long[] bases = {1000, 2000, 4000, 8000, 10000, 10000};
    for (long base : bases) {
      assertThat(b.next().toMillis()).isBetween(base / 2, base);
    }
    b.reset();
    assertThat(b.next().toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void jitterSpreadsAgentsThatFailedTogether() {
    SplittableRandom random = new SplittableRandom(7);
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), random).next())
        .distinct().count();
    assertThat(distinct).isGreaterThan(40);
  }

  @Test
  void intervalJitterStaysWithinTheFraction() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(Jitter.around(Duration.ofMinutes(5), 0.1, random).toMillis()).isBetween(270_000L, 330_000L);
    }
    assertThat(Jitter.around(Duration.ofSeconds(60), 0, random)).isEqualTo(Duration.ofSeconds(60));
  }
}
