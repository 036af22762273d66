package io.farmwatch.collector.bench;

import io.farmwatch.collector.correlate.Observations;
import io.farmwatch.collector.http.Refusal;
import io.farmwatch.collector.http.RequestBodies;
import io.farmwatch.collector.http.UploadPace;
import io.farmwatch.collector.ingest.MachineSummary;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.DeviceDirectory;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.KnownDevice;
import io.farmwatch.protocol.envelope.VerificationPolicy;
import io.farmwatch.protocol.envelope.VerificationResult;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.Report;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a report upload costs the collector's request thread, stage by stage, on the envelope the
 * ingest benchmark ({@code scripts/bench-ingest}) sends. Where {@code bench-ingest} gives the whole,
 * this tells which stage to work on. Run with {@code scripts/bench collector IngestPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class IngestPathBenchmark {

  private byte[] body;
  private byte[] payload;
  private byte[] signature;
  private byte[] reportJson;
  private DeviceKey key;
  private Report report;
  private EnvelopeVerifier verifier;
  private DeviceDirectory devices;

  @Setup
  public void setUp() {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    new SecureRandom().nextBytes(seed);
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    key = DeviceKey.fromRaw(pk);
    // The ingest benchmark's own envelope, so the stages add up to what bench-ingest sends.
    body = LoadGenerator.sign(new LoadGenerator.Agent("dev-bench", key.keyId(), seed, 7), 2);
    devices = id -> Optional.of(new KnownDevice("dev-bench", key, 1, false));
    verifier = new EnvelopeVerifier(VerificationPolicy.DEFAULT, Clock.systemUTC());
    VerificationResult.Verified verified = (VerificationResult.Verified) verify();
    report = verified.report();
    payload = verified.payload();
    signature = Base64.getDecoder().decode(verified.envelope().signature());
    try {
      reportJson = Gzip.decompress(payload, ProtocolLimits.MAX_PAYLOAD_BYTES);
    } catch (Gzip.NotGzip | Gzip.TooLarge e) {
      throw new IllegalStateException("the benchmark's own envelope reads back", e);
    }
  }

  /** Reading the body within its caps (plain JSON, as the ingest benchmark sends it). */
  @Benchmark
  public byte[] readBody() throws Refusal {
    return RequestBodies.readJson(new ByteArrayInputStream(body), "application/json", null, body.length,
        ProtocolLimits.MAX_ENVELOPE_BYTES, UploadPace.MINIMUM);
  }

  /**
   * Envelope parse, base64, Ed25519, inflating the payload and report binding: the protocol
   * module's verifier. The signed gzip is then stored as it came, with nothing left to compress.
   */
  @Benchmark
  public VerificationResult verify() {
    VerificationResult result = verifier.verify(body, devices);
    if (!(result instanceof VerificationResult.Verified)) {
      throw new IllegalStateException("benchmark envelope must verify: " + result);
    }
    return result;
  }

  /** Of {@link #verify}: the Ed25519 signature alone (BouncyCastle, the device's key decoded once). */
  @Benchmark
  public boolean signature() {
    return key.verifies(signature, payload);
  }

  /** Of {@link #verify}: inflating the signed payload alone. */
  @Benchmark
  public byte[] inflate() throws Gzip.NotGzip, Gzip.TooLarge {
    return Gzip.decompress(payload, ProtocolLimits.MAX_PAYLOAD_BYTES);
  }

  /** Of {@link #verify}: binding the report's JSON to the report records alone. */
  @Benchmark
  public Report bindReport() throws IOException {
    return ProtocolJson.mapper().readValue(reportJson, Report.class);
  }

  /** Of {@link #verify}: the protocol limits check alone. */
  @Benchmark
  public boolean limits() {
    return ReportLimits.check(report).isEmpty();
  }

  /** The machine summary and the correlation observation, built and serialized for storage. */
  @Benchmark
  public int summaries() throws IOException {
    String summary = ProtocolJson.mapper().writeValueAsString(MachineSummary.of(report));
    String observation = ProtocolJson.mapper().writeValueAsString(
        Observations.of("dev-bench", report, "203.0.113.9", Instant.EPOCH));
    return summary.length() + observation.length();
  }
}
