package io.farmwatch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.AgentCli.Result;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import io.farmwatch.agent.runtime.testing.ScriptedHttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** enroll and run against a collector (or something posing as one) that answers to harm the agent. */
// Runs beside the other classes (parent POM, surefire): its tests mostly wait out deadlines, each on its own peer.
@Execution(ExecutionMode.CONCURRENT)
class HostileCollectorTest {

  @TempDir Path tmp;

  @Test
  void enrollAgainstAPeerAnsweringAByteEveryFiveSecondsFailsAtTheDeadlineAndWritesNoEnrollment() throws IOException {
    Path state = tmp.resolve("state");
    byte[] answer = ScriptedHttpServer.response(201, "", "{\"deviceId\":\"dev_" + "0".repeat(32) + "\"}");
    try (ScriptedHttpServer peer = ScriptedHttpServer.dribbling(answer, 5, Duration.ofSeconds(5))) {
      long start = System.nanoTime();
      Result r = AgentCli.run("enroll", "--collector", peer.url(), "--token", "t", "--state", state.toString(),
          "--config", config("collector:\n  deadline: 4s\n").toString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("enrollment failed: no complete answer within the request deadline of 4 s");
      // Without the deadline the answer's 80-odd bytes would take minutes; the exact bound is
      // CollectorClientTest's, this one leaves room for key generation and the machine scan.
      assertThat(took).isLessThan(Duration.ofSeconds(15));
      assertThat(state.resolve("device.id")).doesNotExist();
      assertThat(state.resolve("enrollment.json")).doesNotExist();
    }
  }

  @Test
  void aSixtyKilobyteDeviceIdIsRefusedAndNothingIsStored() throws IOException {
    Path state = tmp.resolve("state");
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(201, "", "{\"deviceId\":\"" + "A".repeat(61_440) + "\"}")) {
      Result r = AgentCli.run("enroll", "--collector", peer.url(), "--token", "t", "--state", state.toString());

      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err()).contains("device ID that is not 'dev_' and 32 lower-case hex digits").contains("nothing was stored");
      assertThat(r.err().length()).isLessThan(500);
      assertThat(state.resolve("device.id")).doesNotExist();
      assertThat(state.resolve("enrollment.json")).doesNotExist();
    }
  }

  @Test
  void aDeviceIdThatWouldForgeALogLineIsRefusedAndCannotReachTheOutput() throws IOException {
    Path state = tmp.resolve("state");
    String forged = "dev_1\\n2026-12-01T10:00:00.000Z INFO  [main] Enroller - enrolled as dev_ok\\u001b[1A";
    try (ScriptedHttpServer peer = ScriptedHttpServer.answering(201, "", "{\"deviceId\":\"" + forged + "\"}")) {
      Result r = AgentCli.run("enroll", "--collector", peer.url(), "--token", "t", "--state", state.toString());

      assertThat(r.exit()).isEqualTo(1);
      assertThat(r.err().strip()).doesNotContain("\n", "\u001b");
      assertThat(r.out()).isEmpty();
      assertThat(state.resolve("device.id")).doesNotExist();
    }
  }

  @Test
  void aRunAgainstADribblingCollectorKeepsTheReportSpooledAndDeliversItLater() throws IOException {
    Path state = tmp.resolve("state");
    try (LoopbackCollector collector = LoopbackCollector.start().allowToken("t")) {
      assertThat(AgentCli.run("enroll", "--collector", collector.url(), "--token", "t", "--state", state.toString()).exit())
          .isZero();
      byte[] answer = ScriptedHttpServer.response(202, "", "{\"status\":\"accepted\",\"sequence\":1}");
      try (ScriptedHttpServer peer = ScriptedHttpServer.dribbling(answer, 0, Duration.ofSeconds(5))) {
        Path config = config("collector:\n  url: " + peer.url() + "\n  deadline: 3s\n");
        long start = System.nanoTime();
        Result stalled = AgentCli.run("run", "--once", "--state", state.toString(), "--config", config.toString());

        assertThat(stalled.out().strip()).isEqualTo("spooled");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(Spool.inspect(state).depth()).isEqualTo(1);
      }
      Result later = AgentCli.run("run", "--once", "--state", state.toString());
      assertThat(later.out().strip()).isEqualTo("delivered");
      assertThat(collector.acceptedSequences()).containsExactly(1L, 2L);
    }
  }

  private Path config(String yaml) throws IOException {
    Path file = tmp.resolve("agent.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
