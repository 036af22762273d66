package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.SampleReports;
import io.farmwatch.protocol.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third party with only openssl and gzip can check a FarmWatch signature, read the report and compute the key ID. */
class OpensslInteropTest {

  @TempDir Path dir;

  final TestKeys keys = TestKeys.random();
  final Report report = SampleReports.typical("dev-1", 1, Instant.now());
  final Envelope envelope = keys.signer().sign(report);

  @Test
  void opensslVerifiesTheSignatureOverThePayloadBytes() throws Exception {
    Path payload = write("payload.gz", Base64.getDecoder().decode(envelope.payload()));
    Result result = verify(payload);
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("Signature Verified Successfully");
  }

  @Test
  void gzipReadsTheSignedPayloadBackAsTheReport() throws Exception {
    Path payload = write("payload.gz", Base64.getDecoder().decode(envelope.payload()));
    Result result = run("gzip", "-dc", payload.toString());
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(ProtocolJson.mapper().readValue(result.output(), Report.class)).isEqualTo(report);
  }

  @Test
  void opensslRejectsAFlippedPayloadByte() throws Exception {
    byte[] bytes = Base64.getDecoder().decode(envelope.payload());
    bytes[17] ^= 0x01;
    Result result = verify(write("tampered.gz", bytes));
    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("Signature Verification Failure");
  }

  @Test
  void keyIdIsTheTruncatedSha256OfTheDerPublicKey() throws Exception {
    Path pem = write("device.pub.pem", keys.publicKey().pem().getBytes(StandardCharsets.US_ASCII));
    Result result = run("sh", "-c",
        "openssl pkey -pubin -in '" + pem + "' -outform DER | sha256sum | cut -c1-32");
    assertThat(result.output().strip()).isEqualTo(envelope.keyId());
  }

  private Result verify(Path payload) throws Exception {
    Path pem = write("device.pub.pem", keys.publicKey().pem().getBytes(StandardCharsets.US_ASCII));
    Path sig = write("payload.sig", Base64.getDecoder().decode(envelope.signature()));
    return run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pem.toString(), "-rawin",
        "-in", payload.toString(), "-sigfile", sig.toString());
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  record Result(int exit, String output) {}

  static Result run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }
}
