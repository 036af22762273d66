package io.farmwatch.collector.correlate.fleet;

import io.farmwatch.collector.correlate.AlertKind;
import io.farmwatch.collector.correlate.MemoryAlertStore;
import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.protocol.report.Severity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the engine over a synthetic fleet and scores it. A planted farm counts as found when a
 * LAPTOP_FARM alert of at least MEDIUM severity names exactly its devices, a planted remote operator
 * when a SHARED_OPERATOR alert of at least MEDIUM names exactly its laptops, a night worker when a
 * WORKING_HOURS alert names the device; precision is the share of such alerts that are planted.
 */
public final class FleetEvaluation {

  /** How well one kind of alert found what was planted. */
  public record Quality(int planted, int found, int raised, int correct) {
    public double recall() {
      return planted == 0 ? 1.0 : (double) found / planted;
    }

    public double precision() {
      return raised == 0 ? 1.0 : (double) correct / raised;
    }
  }

  /**
   * The scores and the work done.
   *
   * @param historyReads device histories the full pass read
   * @param historyMillis time the full pass spent generating them (a database read in production)
   * @param fullPassCpuMillis CPU time of the full pass's thread: on a shared machine the wall clock
   *     also counts the time other processes held the cores
   * @param observeCpuNanosPerDevice likewise for each incremental observation
   */
  public record Score(Quality farms, Quality operators, Quality hours, long fullPassMillis,
      long observeNanosPerDevice, long historyReads, long historyMillis, long fullPassCpuMillis,
      long observeCpuNanosPerDevice) {}

  private FleetEvaluation() {}

  public static Score run(SyntheticFleet.Fleet fleet) {
    CorrelationEngine engine = new CorrelationEngine(fleet.settings(), new MemoryAlertStore(),
        Clock.fixed(SyntheticFleet.NOW, ZoneOffset.UTC), fleet.history());
    engine.setRoster(fleet.roster());
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = cpu.getCurrentThreadCpuTime();
    for (DeviceObservation o : fleet.observations()) {
      engine.observe(o);
    }
    long observe = (System.nanoTime() - t0) / fleet.observations().size();
    long observeCpu = (cpu.getCurrentThreadCpuTime() - c0) / fleet.observations().size();
    fleet.history().resetCounts();
    long t1 = System.nanoTime();
    long c1 = cpu.getCurrentThreadCpuTime();
    engine.fullPass();
    long full = (System.nanoTime() - t1) / 1_000_000;
    long fullCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1_000_000;

    List<Set<String>> farms = raised(engine, AlertKind.LAPTOP_FARM);
    List<Set<String>> operators = raised(engine, AlertKind.SHARED_OPERATOR);
    List<Set<String>> hours = raised(engine, AlertKind.WORKING_HOURS);
    return new Score(quality(fleet.farms(), farms), quality(fleet.operators(), operators),
        quality(fleet.nightWorkers().stream().map(Set::of).toList(), hours), full, observe,
        fleet.history().reads(), fleet.history().nanos() / 1_000_000, fullCpu, observeCpu);
  }

  private static List<Set<String>> raised(CorrelationEngine engine, AlertKind kind) {
    return engine.alerts().stream()
        .filter(a -> a.kind() == kind && a.severity() != Severity.INFO && a.severity() != Severity.LOW)
        .map(a -> (Set<String>) new HashSet<>(a.deviceIds())).toList();
  }

  private static Quality quality(List<Set<String>> planted, List<Set<String>> raised) {
    Set<Set<String>> plantedSet = new HashSet<>(planted);
    int found = (int) planted.stream().filter(new HashSet<>(raised)::contains).count();
    int correct = (int) raised.stream().filter(plantedSet::contains).count();
    return new Quality(planted.size(), found, raised.size(), correct);
  }
}
