package io.farmwatch.collector.bench;

import io.farmwatch.collector.egress.EgressClassifier;
import io.farmwatch.collector.roundtrip.Gazetteer;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Egress classifications per second on random public addresses (country, ASN, both hosting lists),
 * and, run as a program, the heap the loaded databases and gazetteer hold. Run with
 * {@code scripts/bench-egress}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class EgressLookupBenchmark {

  private static final int ADDRESSES = 4096;
  private EgressClassifier classifier;
  private final String[] addresses = new String[ADDRESSES];
  private int next;

  @Setup
  public void setUp() {
    classifier = EgressClassifier.builtIn();
    setUpAddresses();
  }

  private void setUpAddresses() {
    SplittableRandom random = new SplittableRandom(22);
    for (int i = 0; i < ADDRESSES; i++) {
      addresses[i] = i % 4 == 3
          ? String.format(Locale.ROOT, "2a%02x:%x:%x::%x", random.nextInt(16), random.nextInt(65536),
              random.nextInt(65536), random.nextInt(65536))
          : (1 + random.nextInt(222)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }
  }

  @Benchmark
  public Object classify() {
    next = (next + 1) & (ADDRESSES - 1);
    return classifier.classify(addresses[next]);
  }

  /**
   * Prints the retained heap of the classifier's databases and of the gazetteer, and lookups per
   * second of this thread's CPU time: on a shared machine, wall-clock throughput measures the load.
   */
  public static void main(String[] args) {
    long before = CorrelationMemoryBenchmark.usedAfterGc();
    long start = System.nanoTime();
    EgressClassifier classifier = EgressClassifier.builtIn();
    long loaded = System.nanoTime();
    long databases = CorrelationMemoryBenchmark.usedAfterGc();
    long gazetteerStart = System.nanoTime();
    Gazetteer gazetteer = Gazetteer.builtIn();
    long gazetteerLoaded = System.nanoTime();
    long after = CorrelationMemoryBenchmark.usedAfterGc();
    System.out.printf(Locale.ROOT, "egress databases: %.1f MB retained, loaded in %d ms; gazetteer (%d cities):"
        + " %.1f MB retained, loaded in %d ms%n", (databases - before) / 1e6, (loaded - start) / 1_000_000,
        gazetteer.all().size(), (after - databases) / 1e6, (gazetteerLoaded - gazetteerStart) / 1_000_000);
    EgressLookupBenchmark bench = new EgressLookupBenchmark();
    bench.classifier = classifier;
    bench.setUpAddresses();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      int n = 500_000;
      int hosting = 0;
      for (int i = 0; i < n; i++) {
        hosting += ((io.farmwatch.collector.egress.EgressClass) bench.classify()).hosting() == null ? 0 : 1;
      }
      double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: %,.0f lookups per CPU-second (%d of %d on a hosting list)%n",
          round + 1, n / seconds, hosting, n);
    }
  }
}
