package io.farmwatch.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.correlate.AlertKind;
import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.MemoryAlertStore;
import io.farmwatch.collector.correlate.Observations;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ingest benchmark's reports are what agents send and give correlation real clusters to build. */
class LoadGeneratorTest {

  @Test
  void reportsPassTheProtocolLimitsAndPlantedFarmsBecomeFarmAlerts() {
    MemoryAlertStore alerts = new MemoryAlertStore();
    CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, alerts, Clock.systemUTC());
    Instant now = Instant.now();
    int marked = 0;
    for (int agent = 0; agent < 2 * LoadGenerator.FARM_EVERY; agent++) {
      Report r = LoadGenerator.report("dev-" + agent, 1, agent);
      assertThat(ReportLimits.check(r)).as("agent " + agent).isEmpty();
      engine.observe(Observations.of("dev-" + agent, r, "203.0.113.5", now));
      marked += ActivityDays.of("dev-" + agent, r.input(), now, now.minus(Duration.ofDays(14))).size();
    }
    engine.fullPass();
    Set<Set<String>> farms = alerts.saved.values().stream().filter(a -> a.kind() == AlertKind.LAPTOP_FARM)
        .map(a -> (Set<String>) new TreeSet<>(a.deviceIds())).collect(Collectors.toSet());
    assertThat(farms).containsExactlyInAnyOrder(
        Set.of("dev-0", "dev-1", "dev-2", "dev-3", "dev-4"), Set.of("dev-50", "dev-51", "dev-52", "dev-53", "dev-54"));
    assertThat(marked).as("every report carries input minutes for the history").isGreaterThanOrEqualTo(100);
    assertThat(alerts.saved.values()).anyMatch(a -> a.kind() == AlertKind.REMOTE_CONTROL);
    assertThat(List.copyOf(alerts.saved.values())).noneMatch(a -> a.kind() == AlertKind.DUPLICATE_HARDWARE);
  }
}
