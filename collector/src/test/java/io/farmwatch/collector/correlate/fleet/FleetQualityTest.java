package io.farmwatch.collector.correlate.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Precision and recall on a synthetic fleet with farms, remote operators and night workers hidden among look-alikes. */
class FleetQualityTest {

  @Test
  void findsPlantedFarmsAndIgnoresTheLookAlikes() {
    SyntheticFleet.Fleet fleet = SyntheticFleet.generate(10_000, 42);
    FleetEvaluation.Score score = FleetEvaluation.run(fleet);
    assertThat(score.farms().planted()).isGreaterThan(20);
    assertThat(score.operators().planted()).isEqualTo(5);
    assertThat(score.hours().planted()).isGreaterThan(10);
    for (FleetEvaluation.Quality q : java.util.List.of(score.farms(), score.operators(), score.hours())) {
      assertThat(q.recall()).as(score.toString()).isGreaterThanOrEqualTo(0.95);
      assertThat(q.precision()).as(score.toString()).isGreaterThanOrEqualTo(0.95);
    }
  }
}
