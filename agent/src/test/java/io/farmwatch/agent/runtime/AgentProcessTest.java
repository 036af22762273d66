package io.farmwatch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import io.farmwatch.agent.runtime.testing.ScriptedHttpServer;
import io.farmwatch.protocol.report.CollectorRtt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The agent as a real child JVM, enrolled silently the way an MDM deploys it (config + token in the
 * environment), killed with SIGKILL while spooling and again while draining, then restarted.
 */
// Runs beside the other classes (parent POM, surefire): its tests mostly wait for their own agent processes.
@Execution(ExecutionMode.CONCURRENT)
class AgentProcessTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;
  Path state;
  Path config;
  LoopbackCollector collector;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    state = tmp.resolve("state");
    collector = LoopbackCollector.start().allowToken("mdm-token");
    config = tmp.resolve("agent.yaml");
    writeConfig("  url: " + collector.url() + "\n");
  }

  @AfterEach
  void tearDown() {
    children.forEach(Process::destroyForcibly);
    collector.close();
  }

  @Test
  void nothingSpooledIsLostWhenTheAgentIsKilledWhileSpoolingOrWhileSending() throws Exception {
    Process first = startAgent("first");
    await(() -> collector.acceptedSequences().size() >= 2, first, "first reports delivered");
    assertThat(collector.enrollments()).as("enrolled from config and FARMWATCH_ENROLL_TOKEN").isEqualTo(1);

    collector.stop();
    await(() -> spooledSequences().size() >= 3, first, "reports spooled while the collector is down");
    kill9(first);
    List<Long> spooled = spooledSequences();
    assertThat(spooled).hasSizeGreaterThanOrEqualTo(3);

    collector.restart();
    collector.delayResponses(Duration.ofMillis(700));
    Process second = startAgent("second");
    await(() -> collector.acceptedSequences().contains(spooled.get(0)), second, "draining started");
    kill9(second);

    collector.delayResponses(Duration.ZERO);
    Process third = startAgent("third");
    await(() -> collector.acceptedSequences().containsAll(spooled), third, "every spooled report delivered");
    long newestSpooled = spooled.get(spooled.size() - 1);
    await(() -> collector.acceptedSequences().stream().anyMatch(s -> s > newestSpooled), third, "new reports after restart");
    third.destroy();

    List<Long> accepted = collector.acceptedSequences();
    assertThat(accepted).containsAll(spooled).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void aServiceBehindAMiddleboxThatDribblesAnswersKeepsCyclingAndSpooling() throws Exception {
    assertThat(AgentCli.run("enroll", "--collector", collector.url(), "--token", "mdm-token", "--state", state.toString())
        .exit()).isZero();
    byte[] answer = ScriptedHttpServer.response(202, "", "{\"status\":\"accepted\",\"sequence\":1}");
    try (ScriptedHttpServer middlebox = ScriptedHttpServer.dribbling(answer, 1, Duration.ofSeconds(5))) {
      writeConfig("  url: " + middlebox.url() + "\n  deadline: 2s\n");
      Process agent = startAgent("behind-middlebox");

      // Each request would otherwise last the answer's 80-odd bytes times 5 s: the first would never end.
      await(() -> middlebox.requests() >= 4, agent, "requests after earlier ones hit the deadline");
      await(() -> spooledSequences().size() >= 2, agent, "reports spooled meanwhile");
      assertThat(Files.readString(tmp.resolve("behind-middlebox.log")))
          .contains("no complete answer within the request deadline of 2 s");
    }
  }

  @Test
  void eachReportCarriesTheRoundTripsOfThePreviousCycleMeasuredOnTheReportsOwnConnection() throws Exception {
    Process agent = startAgent("rtt");
    await(() -> collector.acceptedSequences().size() >= 3, agent, "three reports delivered");
    agent.destroy();

    // The first report has nothing measured before it; every later one carries the cycle before it.
    List<LoopbackCollector.Received> accepted = collector.accepted();
    assertThat(accepted.get(0).report().agent().collectorRtt()).isNull();
    for (int i = 1; i < accepted.size(); i++) {
      CollectorRtt rtt = accepted.get(i).report().agent().collectorRtt();
      assertThat(rtt.samples()).as("plain http: the tiny request only").isEqualTo(1);
      // Timed after the previous report was delivered, before this one was collected. (Not under a fixed
      // second: a loaded machine has taken 2 s over loopback.)
      Duration between = Duration.between(accepted.get(i - 1).report().device().collectedAt(),
          accepted.get(i).report().device().collectedAt());
      assertThat(rtt.minMicros()).isPositive().isEqualTo(rtt.medianMicros());
      assertThat((long) rtt.minMicros()).isLessThan(between.toNanos() / 1000);
    }
    // Each timed /healthz went over the TCP connection of the report delivered just before it.
    List<LoopbackCollector.Request> requests = collector.requests();
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).path().equals("/healthz")) {
        assertThat(requests.get(i - 1).path()).isEqualTo("/api/v1/reports");
        assertThat(requests.get(i).clientPort()).isEqualTo(requests.get(i - 1).clientPort());
      }
    }
    assertThat(requests).filteredOn(r -> r.path().equals("/healthz")).hasSizeGreaterThanOrEqualTo(2);
  }

  /** A service config of one-second cycles and quick retries, with these collector settings. */
  private void writeConfig(String collectorSettings) throws IOException {
    Files.writeString(config, "collector:\n" + collectorSettings + """
        schedule:
          interval: 1s
          jitter: 0
        retry:
          initialBackoff: 200ms
          maxBackoff: 400ms
        """);
  }

  private Process startAgent(String name) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        "io.farmwatch.agent.cli.AgentMain", "run", "--state", state.toString(), "--config", config.toString());
    pb.environment().put("FARMWATCH_ENROLL_TOKEN", "mdm-token");
    pb.redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve(name + ".log").toFile());
    Process p = pb.start();
    children.add(p);
    return p;
  }

  private static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertThat(p.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  private List<Long> spooledSequences() {
    try (Stream<Path> files = Files.list(state.resolve(Spool.DIR))) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".envelope"))
          .map(n -> Long.parseLong(n.substring(0, n.indexOf('-'))))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private void await(BooleanSupplier condition, Process agent, String what) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (!agent.isAlive() || System.nanoTime() > deadline) {
        String logs = "";
        try (Stream<Path> files = Files.list(tmp)) {
          for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
            logs += "\n--- " + log.getFileName() + "\n" + Files.readString(log);
          }
        }
        throw new AssertionError("waiting for " + what + ": agent " + (agent.isAlive() ? "alive" : "exited "
            + agent.exitValue()) + ", accepted " + collector.acceptedSequences() + logs);
      }
      Thread.sleep(50);
    }
  }
}
