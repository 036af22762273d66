package io.farmwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanCommandTest {

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = AgentMain.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void jsonScanHasTheDeviceSectionAndAFindingsArray() throws Exception {
    Run run = run("scan", "--format", "json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode report = ProtocolJson.mapper().readTree(run.out());
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(report.get("findings").isArray()).isTrue();
    assertThat(report.at("/device/os/family").asText()).isEqualTo("linux");
  }

  @Test
  void signedScanVerifiesWithOpensslAndAFlippedByteDoesNot() throws Exception {
    Path state = tmp.resolve("state");
    Run run = run("scan", "--signed", "--state", state.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode envelope = ProtocolJson.mapper().readTree(run.out());
    byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
    Files.write(tmp.resolve("sig"), Base64.getDecoder().decode(envelope.get("signature").asText()));

    Files.write(tmp.resolve("payload"), payload);
    assertThat(opensslVerify(state)).isZero();

    payload[payload.length / 3] ^= 0x01;
    Files.write(tmp.resolve("payload"), payload);
    assertThat(opensslVerify(state)).isNotZero();
  }

  @Test
  void signedScansCarryIncreasingSequenceNumbers() throws Exception {
    Path state = tmp.resolve("state");
    long first = sequenceOf(run("scan", "--signed", "--state", state.toString()));
    long second = sequenceOf(run("scan", "--signed", "--state", state.toString()));
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void signedWithoutStateIsAUsageError() {
    Run run = run("scan", "--signed");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--state");
  }

  private static long sequenceOf(Run run) throws Exception {
    JsonNode envelope = ProtocolJson.mapper().readTree(run.out());
    byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
    byte[] report = Gzip.decompress(payload, ProtocolLimits.MAX_PAYLOAD_BYTES);
    return ProtocolJson.mapper().readTree(report).at("/device/sequence").asLong();
  }

  private int opensslVerify(Path state) throws Exception {
    Process p = new ProcessBuilder(List.of("openssl", "pkeyutl", "-verify", "-pubin",
        "-inkey", state.resolve("device.pub.pem").toString(), "-rawin",
        "-in", tmp.resolve("payload").toString(), "-sigfile", tmp.resolve("sig").toString()))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    assertThat(output).containsAnyOf("Signature Verified Successfully", "Signature Verification Failure");
    return exit;
  }
}
