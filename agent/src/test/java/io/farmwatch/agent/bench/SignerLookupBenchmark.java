package io.farmwatch.agent.bench;

import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a matched executable's signer costs: {@code firstLookup} asks this machine's package
 * database or signing tool every time (a cold cache: a new or changed file), {@code steadyCycle}
 * goes through the cache as every later cycle does. Run with
 * {@code scripts/bench agent SignerLookupBenchmark} (the path defaults to a dpkg-installed program).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SignerLookupBenchmark {

  @Param("/usr/bin/xdotool")
  public String path;

  private SignerProbe cached;
  private SignerProbe uncached;

  @Setup
  public void setUp() {
    Platform platform = Platform.forThisMachine();
    cached = platform.signers(Clock.systemUTC());
    // A fresh cache per call is the lookup itself, with the stat the cache adds.
    uncached = p -> platform.signers(Clock.systemUTC()).check(p);
  }

  @Benchmark
  public SignerCheck firstLookup() {
    return uncached.check(path);
  }

  @Benchmark
  public SignerCheck steadyCycle() {
    return cached.check(path);
  }
}
