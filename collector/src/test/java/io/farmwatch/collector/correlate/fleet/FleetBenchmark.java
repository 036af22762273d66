package io.farmwatch.collector.correlate.fleet;

/**
 * Correlates a synthetic fleet of 100,000 machines with 14 days of activity history each and prints
 * the quality and the time taken.
 * Run with {@code scripts/bench-fleet} (1 GB heap).
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
    SyntheticFleet.Fleet fleet = SyntheticFleet.generate(size, seed);
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    for (int warm = 0; warm < warmups; warm++) {
      FleetEvaluation.run(fleet);
    }
    System.gc();
    FleetEvaluation.Score s = FleetEvaluation.run(fleet);
    Runtime rt = Runtime.getRuntime();
    System.out.printf("fleet: %d machines, 14 days of history each%n", fleet.observations().size());
    print("laptop farms", s.farms());
    print("shared operators", s.operators());
    print("working hours", s.hours());
    System.out.printf("incremental observe: %.1f us per report (whole fleet fed one by one), %.1f us of CPU%n",
        s.observeNanosPerDevice() / 1000.0, s.observeCpuNanosPerDevice() / 1000.0);
    System.out.printf("full correlation pass: %d ms, reading %d device histories (%d ms of it generating them),"
        + " %d ms of CPU%n", s.fullPassMillis(), s.historyReads(), s.historyMillis(), s.fullPassCpuMillis());
    System.out.printf("heap in use after the run: %d MB of max %d MB%n",
        (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), rt.maxMemory() / (1024 * 1024));
  }

  private static void print(String what, FleetEvaluation.Quality q) {
    System.out.printf("%s: %d planted, recall %.4f (%d found), precision %.4f (%d raised)%n", what, q.planted(),
        q.recall(), q.found(), q.precision(), q.raised());
  }
}
