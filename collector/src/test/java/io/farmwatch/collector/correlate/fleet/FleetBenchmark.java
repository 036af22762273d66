package io.farmwatch.collector.correlate.fleet;

/**
 * Correlates a synthetic fleet of 100,000 machines and prints the quality and the time taken.
 * Run with {@code scripts/bench-fleet} (1 GB heap).
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
    SyntheticFleet.Fleet fleet = SyntheticFleet.generate(size, seed);
    for (int warm = 0; warm < 2; warm++) {
      FleetEvaluation.run(fleet);
    }
    System.gc();
    FleetEvaluation.Score s = FleetEvaluation.run(fleet);
    Runtime rt = Runtime.getRuntime();
    System.out.printf("fleet: %d machines, %d planted farms%n", fleet.observations().size(), s.planted());
    System.out.printf("recall: %.4f (%d of %d farms found)%n", s.recall(), s.found(), s.planted());
    System.out.printf("precision: %.4f (%d farm alerts raised)%n", s.precision(), s.raised());
    System.out.printf("incremental observe: %.1f us per report (whole fleet fed one by one)%n",
        s.observeNanosPerDevice() / 1000.0);
    System.out.printf("full correlation pass: %d ms%n", s.fullPassMillis());
    System.out.printf("heap in use after the run: %d MB of max %d MB%n",
        (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), rt.maxMemory() / (1024 * 1024));
  }
}
