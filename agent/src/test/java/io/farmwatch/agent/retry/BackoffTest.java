package io.farmwatch.agent.retry;

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
  void aRetryAfterLongerThanTheBackoffIsHonouredUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10), new SplittableRandom());
    assertThat(b.next(Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    assertThat(b.next(Duration.ofDays(1))).as("bounded by retry.maxBackoff").isEqualTo(Duration.ofMinutes(10));
    assertThat(b.next(Duration.ZERO).toMillis()).as("a shorter Retry-After does not hurry the backoff").isBetween(2000L, 4000L);
    assertThat(b.next(null).toMillis()).isBetween(4000L, 8000L);
  }

  @Test
  void jitterSpreadsAgentsThatFailedTogether() {
    SplittableRandom random = new SplittableRandom(7);
    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), random).next())
        .distinct().count();
    assertThat(distinct).isGreaterThan(40);
  }
}
