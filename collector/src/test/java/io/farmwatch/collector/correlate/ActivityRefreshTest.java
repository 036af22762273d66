package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How long activity readings are reused is a setting: the hour by default, shorter when asked. */
class ActivityRefreshTest {

  /** A clock the test moves. */
  static final class Moving extends Clock {
    Instant now = Instant.parse("2026-11-24T18:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void profilesAndVerdictsAreReadAgainOnceTheRefreshHasPassed() {
    AtomicInteger reads = new AtomicInteger();
    Moving clock = new Moving();
    ActivityAnalysis analysis = new ActivityAnalysis((d, from, to) -> {
      reads.incrementAndGet();
      return List.of();
    }, clock, Duration.ofSeconds(3));
    analysis.cluster(Set.of("a", "b"));
    assertThat(reads.get()).isEqualTo(2);
    clock.now = clock.now.plusSeconds(2);
    analysis.cluster(Set.of("a", "b"));
    assertThat(reads.get()).as("reused within the refresh").isEqualTo(2);
    clock.now = clock.now.plusSeconds(2);
    analysis.cluster(Set.of("a", "b"));
    assertThat(reads.get()).as("read again after it").isEqualTo(4);
  }

  @Test
  void theDefaultIsAnHour() {
    AtomicInteger reads = new AtomicInteger();
    Moving clock = new Moving();
    ActivityAnalysis analysis = new ActivityAnalysis((d, from, to) -> {
      reads.incrementAndGet();
      return List.of();
    }, clock);
    analysis.profile("a");
    clock.now = clock.now.plus(Duration.ofMinutes(59));
    analysis.profile("a");
    assertThat(reads.get()).isEqualTo(1);
    clock.now = clock.now.plus(Duration.ofMinutes(2));
    analysis.profile("a");
    assertThat(reads.get()).isEqualTo(2);
    assertThat(CorrelationSettings.DEFAULT.activityRefresh()).isEqualTo(Duration.ofHours(1));
  }
}
