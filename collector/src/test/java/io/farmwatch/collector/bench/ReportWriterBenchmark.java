package io.farmwatch.collector.bench;

import io.farmwatch.collector.correlate.Observations;
import io.farmwatch.collector.ingest.IngestService;
import io.farmwatch.collector.store.AcceptOutcome;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.EnrollmentToken;
import io.farmwatch.collector.store.IncomingReport;
import io.farmwatch.collector.store.NewDevice;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.Report;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The report writer alone, on a real SQLite file: 32 threads hand it the realistic load
 * generator's reports (already verified, as the request threads would) for 2,000 devices, so its
 * group commits, the per-day activity merge and the device updates are all that is measured. Each
 * measured iteration also prints the writer thread's CPU per report and the reports per commit,
 * which hold up on a busy machine where throughput does not. With {@code activity=false} the same
 * reports carry no input minutes. Run with {@code scripts/bench collector ReportWriterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Threads(32)
public class ReportWriterBenchmark {

  static final int DEVICES = 2_000;

  @Param({"true", "false"})
  public boolean activity;

  private Path dir;
  private Storage storage;
  private IncomingReport[] templates;
  private AtomicLong[] sequences;
  private final AtomicInteger next = new AtomicInteger();
  private final LongAdder stored = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder commitNanos = new LongAdder();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long writerCpuAtStart;
  private long storedAtStart;
  private long commitsAtStart;
  private long commitNanosAtStart;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("farmwatch-writer-bench");
    storage = SqliteStorage.open(dir);
    storage.onReportBatchCommitted(new Storage.BatchListener() {
      @Override
      public void committed(int reports, long nanos) {
        commits.increment();
        commitNanos.add(nanos);
      }

      @Override
      public void housekept(long nanos) {
      }
    });
    Instant now = Instant.now();
    storage.createToken(new EnrollmentToken("bench", "bench-hash", now, null, DEVICES, null), Actor.CLI);
    templates = new IncomingReport[DEVICES];
    sequences = new AtomicLong[DEVICES];
    for (int i = 0; i < DEVICES; i++) {
      String deviceId = "dev-" + i;
      storage.enroll("bench-hash", new NewDevice(deviceId, "PEM-" + i, "key-" + i, "fp-" + i, "loadgen-" + i,
          "loadgen", now), now);
      Report report = LoadGenerator.report(deviceId, 1, i);
      if (!activity) {
        report = new Report(report.schemaVersion(), report.device(), report.hardware(), report.network(),
            report.processes(), report.peripherals(), report.locale(), null, report.agent(), report.findings(),
            report.unavailable());
      }
      byte[] payload = Gzip.compress(ProtocolJson.mapper().writeValueAsBytes(report), Deflater.DEFAULT_COMPRESSION);
      templates[i] = IngestService.toStore(report, payload, "203.0.113.9", now,
          Observations.of(deviceId, report, "203.0.113.9", now), Duration.ofDays(14));
      sequences[i] = new AtomicLong();
    }
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    writerCpuAtStart = writerCpu();
    storedAtStart = stored.sum();
    commitsAtStart = commits.sum();
    commitNanosAtStart = commitNanos.sum();
  }

  @TearDown(Level.Iteration)
  public void endIteration() {
    long reports = stored.sum() - storedAtStart;
    long batches = commits.sum() - commitsAtStart;
    System.out.printf("%n  writer: %.1f us CPU per report, %.1f reports per commit, %.2f ms per commit%n",
        (writerCpu() - writerCpuAtStart) / 1e3 / Math.max(1, reports), (double) reports / Math.max(1, batches),
        (commitNanos.sum() - commitNanosAtStart) / 1e6 / Math.max(1, batches));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    storage.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One report of the next device in turn, as its request thread hands it to storage. */
  @Benchmark
  public AcceptOutcome accept() {
    int i = Math.floorMod(next.getAndIncrement(), DEVICES);
    IncomingReport t = templates[i];
    AcceptOutcome outcome = storage.accept(new IncomingReport(t.deviceId(), sequences[i].incrementAndGet(),
        Instant.now(), t.collectedAt(), t.egress(), t.payload(), t.hostname(), t.agentVersion(), t.summaryJson(),
        t.observationJson(), t.fingerprint(), t.activity()));
    if (outcome == AcceptOutcome.STORED) {
      stored.increment();
    }
    return outcome;
  }

  private long writerCpu() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("report-writer"))
        .mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
  }
}
