package io.farmwatch.protocol.bench;

import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.SampleReports;
import io.farmwatch.protocol.envelope.DeviceDirectory;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.KnownDevice;
import io.farmwatch.protocol.envelope.TestKeys;
import io.farmwatch.protocol.envelope.VerificationPolicy;
import io.farmwatch.protocol.envelope.VerificationResult;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import java.time.Instant;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing on the agent and parse + verify on the collector, for a typical report of about 8 KB.
 * Goal: at least 10,000 parse + verify per second on one core. Run with
 * {@code scripts/bench collector-protocol EnvelopeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class EnvelopeBenchmark {

  private Report report;
  private EnvelopeSigner signer;
  private byte[] body;
  private EnvelopeVerifier verifier;
  private DeviceDirectory devices;
  private byte[] payload;
  private byte[] json;
  private byte[] signature;
  private Ed25519.PublicPoint publicPoint;

  @Setup
  public void setUp() {
    TestKeys keys = TestKeys.random();
    Instant now = Instant.now();
    report = SampleReports.typical("dev-bench", 2, now);
    signer = keys.signer();
    Envelope envelope = signer.sign(report);
    body = EnvelopeSigner.encode(envelope);
    KnownDevice device = new KnownDevice("dev-bench", keys.publicKey(), 1, false);
    devices = id -> Optional.of(device);
    verifier = new EnvelopeVerifier(VerificationPolicy.DEFAULT, Clock.systemUTC());
    payload = Base64.getDecoder().decode(envelope.payload());
    json = inflateOnly();
    signature = Base64.getDecoder().decode(envelope.signature());
    publicPoint = Ed25519.validatePublicKeyFullExport(keys.publicKey().raw(), 0);
    System.out.println("report: " + json.length + " bytes, its gzip: " + payload.length + " bytes, envelope: "
        + body.length + " bytes");
  }

  @Benchmark
  public Envelope serializeAndSign() {
    return signer.sign(report);
  }

  /** Breakdown: the signature check alone. */
  @Benchmark
  public boolean signatureOnly() {
    return Ed25519.verify(signature, 0, publicPoint, payload, 0, payload.length);
  }

  /** Breakdown: inflating the signed gzip alone. */
  @Benchmark
  public byte[] inflateOnly() {
    try {
      return Gzip.decompress(payload, ProtocolLimits.MAX_PAYLOAD_BYTES);
    } catch (Gzip.NotGzip | Gzip.TooLarge e) {
      throw new IllegalStateException(e);
    }
  }

  /** Breakdown: binding the report JSON alone. */
  @Benchmark
  public Report reportParseOnly() throws java.io.IOException {
    return ProtocolJson.mapper().readValue(json, Report.class);
  }

  @Benchmark
  public VerificationResult parseAndVerify() {
    VerificationResult result = verifier.verify(body, devices);
    if (!(result instanceof VerificationResult.Verified)) {
      throw new IllegalStateException("benchmark envelope must verify: " + result);
    }
    return result;
  }
}
