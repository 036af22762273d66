package io.farmwatch.collector.correlate.fleet;

import io.farmwatch.collector.correlate.AlertKind;
import io.farmwatch.collector.correlate.MemoryAlertStore;
import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.protocol.report.Severity;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the engine over a synthetic fleet and scores it: a planted farm counts as found when a
 * LAPTOP_FARM alert of at least MEDIUM severity names exactly its devices; precision is the share
 * of such alerts that are planted farms.
 */
public final class FleetEvaluation {

  /** The scores and the work done. */
  public record Score(int planted, int found, int raised, double recall, double precision, long fullPassMillis,
      long observeNanosPerDevice) {}

  private FleetEvaluation() {}

  public static Score run(SyntheticFleet.Fleet fleet) {
    CorrelationEngine engine = new CorrelationEngine(fleet.settings(), new MemoryAlertStore(),
        Clock.fixed(SyntheticFleet.NOW, ZoneOffset.UTC));
    engine.setRoster(fleet.roster());
    long t0 = System.nanoTime();
    for (DeviceObservation o : fleet.observations()) {
      engine.observe(o);
    }
    long observe = (System.nanoTime() - t0) / fleet.observations().size();
    long t1 = System.nanoTime();
    engine.fullPass();
    long full = (System.nanoTime() - t1) / 1_000_000;

    List<Set<String>> raised = engine.alerts().stream()
        .filter(a -> a.kind() == AlertKind.LAPTOP_FARM && a.severity() != Severity.INFO && a.severity() != Severity.LOW)
        .map(a -> (Set<String>) new HashSet<>(a.deviceIds())).toList();
    int found = (int) fleet.farms().stream().filter(raised::contains).count();
    int correct = (int) raised.stream().filter(fleet.farms()::contains).count();
    return new Score(fleet.farms().size(), found, raised.size(), (double) found / fleet.farms().size(),
        raised.isEmpty() ? 1.0 : (double) correct / raised.size(), full, observe);
  }
}
