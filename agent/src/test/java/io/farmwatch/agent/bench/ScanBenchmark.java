package io.farmwatch.agent.bench;

import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.util.List;
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
 * One warm scan of this machine, probes and detection included, as the run loop does it every
 * cycle. Goal: at most 250 ms median. Run with {@code scripts/bench agent ScanBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanBenchmark {

  private ReportAssembler assembler;
  private long sequence;

  @Setup
  public void setUp() {
    Clock clock = Clock.systemUTC();
    assembler = new ReportAssembler(clock, Platform.forThisMachine().probes(false, clock),
        DetectorFactory.create(List.of(), List.of()));
  }

  @Benchmark
  public Report warmScan() {
    return assembler.assemble("dev-bench", ++sequence);
  }
}
