package io.farmwatch.collector.correlate.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Precision and recall on a synthetic fleet with farms hidden among look-alikes. */
class FleetQualityTest {

  @Test
  void findsPlantedFarmsAndIgnoresTheLookAlikes() {
    SyntheticFleet.Fleet fleet = SyntheticFleet.generate(10_000, 42);
    FleetEvaluation.Score score = FleetEvaluation.run(fleet);
    assertThat(score.planted()).isGreaterThan(20);
    assertThat(score.recall()).as(score.toString()).isGreaterThanOrEqualTo(0.95);
    assertThat(score.precision()).as(score.toString()).isGreaterThanOrEqualTo(0.95);
  }
}
