package io.farmwatch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.AgentCli.Result;
import io.farmwatch.agent.runtime.testing.Keytool;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import io.farmwatch.agent.runtime.testing.ScriptedHttpServer;
import io.farmwatch.agent.runtime.transport.CollectorClient;
import io.farmwatch.agent.runtime.transport.DeadlineExceededException;
import io.farmwatch.agent.runtime.transport.EnrollRequest;
import io.farmwatch.agent.runtime.transport.PinnedTrust;
import io.farmwatch.protocol.report.CollectorRtt;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a collector whose certificate is pinned, and refusal when the pin does not match. */
class PinnedTlsTest {

  @TempDir static Path keys;
  static LoopbackCollector collector;

  @TempDir Path tmp;

  @BeforeAll
  static void startTlsCollector() throws Exception {
    Keytool.selfSigned(keys, "collector");
    Keytool.selfSigned(keys, "impostor");
    collector = LoopbackCollector.startTls(keys.resolve("collector.p12"));
    collector.acceptAnyToken();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void enrollsAndDeliversOverHttpsToThePinnedCertificateWithNoArgumentButTheState() throws IOException {
    Path config = tmp.resolve("agent.yaml");
    Files.writeString(config, "collector:\n  tls:\n    pinnedCertificate: " + keys.resolve("collector.pem") + "\n");
    Path state = tmp.resolve("state");

    Result enroll = AgentCli.run("enroll", "--collector", collector.url(), "--token", "t", "--state", state.toString(),
        "--config", config.toString());
    assertThat(enroll.exit()).as(enroll.err()).isZero();
    assertThat(Files.readString(state.resolve("enrollment.json"))).contains("BEGIN CERTIFICATE");

    Result run = AgentCli.run("run", "--once", "--state", state.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo("delivered");
  }

  @Test
  void overTlsTheHandshakeOfEachNewConnectionAndTheTinyRequestOnItAreTimedOnOneConnection() throws Exception {
    CollectorClient client = new CollectorClient(URI.create(collector.url()),
        PinnedTrust.fromPem(Files.readString(keys.resolve("collector.pem"))), Duration.ofSeconds(5), Duration.ofSeconds(10));
    int before = collector.requests().size();

    client.deliver("{}".getBytes(StandardCharsets.US_ASCII));
    client.measureRoundTrip();

    CollectorRtt rtt = client.takeRoundTrips();
    assertThat(rtt.samples()).as("the TCP handshake and the tiny request").isEqualTo(2);
    assertThat(rtt.minMicros()).isPositive().isLessThanOrEqualTo(rtt.medianMicros());
    assertThat(client.takeRoundTrips()).as("taken once").isNull();
    List<LoopbackCollector.Request> requests = collector.requests().subList(before, collector.requests().size());
    assertThat(requests).extracting(LoopbackCollector.Request::path).containsExactly("/api/v1/reports", "/healthz");
    assertThat(requests.get(1).clientPort()).isEqualTo(requests.get(0).clientPort());

    // A second cycle's tiny request on the kept-alive connection makes no new handshake.
    client.measureRoundTrip();
    assertThat(client.takeRoundTrips().samples()).isEqualTo(1);
  }

  @Test
  void aPinnedPeerThatDribblesItsAnswerOverTlsIsCutOffAtTheDeadline() throws Exception {
    String pin = Files.readString(keys.resolve("collector.pem"));
    byte[] answer = ScriptedHttpServer.response(201, "", "{\"deviceId\":\"dev_" + "0".repeat(32) + "\"}");
    try (ScriptedHttpServer peer =
        ScriptedHttpServer.dribblingTls(keys.resolve("collector.p12"), answer, 20, Duration.ofSeconds(2))) {
      CollectorClient client =
          new CollectorClient(URI.create(peer.url()), PinnedTrust.fromPem(pin), Duration.ofSeconds(30), Duration.ofSeconds(4));
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.enroll(new EnrollRequest("t", "pem", null, null, null)))
          .isInstanceOf(DeadlineExceededException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));

      Path config = tmp.resolve("agent.yaml");
      Files.writeString(config, "collector:\n  deadline: 4s\n  tls:\n    pinnedCertificate: "
          + keys.resolve("collector.pem") + "\n");
      Result r = AgentCli.run("enroll", "--collector", peer.url(), "--token", "t",
          "--state", tmp.resolve("s").toString(), "--config", config.toString());
      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("enrollment failed: no complete answer within the request deadline of 4 s");
      assertThat(tmp.resolve("s").resolve("device.id")).doesNotExist();
    }
  }

  @Test
  void aCollectorPresentingAnotherCertificateIsRefused() {
    Result r = AgentCli.run("enroll", "--collector", collector.url(), "--token", "t", "--state", tmp.resolve("s").toString(),
        "--pinned-certificate", keys.resolve("impostor.pem").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("enrollment failed").contains("PKIX");
    assertThat(tmp.resolve("s").resolve("device.id")).doesNotExist();
  }

  @Test
  void systemTrustDoesNotTrustASelfSignedCollector() {
    Result r = AgentCli.run("enroll", "--collector", collector.url(), "--token", "t", "--state", tmp.resolve("s").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("enrollment failed").contains("PKIX");
  }
}
