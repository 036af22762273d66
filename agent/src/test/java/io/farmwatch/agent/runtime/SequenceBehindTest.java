package io.farmwatch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.AgentCli.Result;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that answers 409 replayed to reports the agent never sent before: the device's
 * sequence counter is behind the collector's. Such reports are lost, so the agent must say so.
 */
class SequenceBehindTest {

  @TempDir Path tmp;
  Path state;
  LoopbackCollector collector;

  @BeforeEach
  void enroll() {
    state = tmp.resolve("state");
    collector = LoopbackCollector.start().allowToken("t");
    assertThat(AgentCli.run("enroll", "--collector", collector.url(), "--token", "t", "--state", state.toString()).exit())
        .isZero();
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void aStateFolderRestoredFromABackupIsDetectedCountedAndRecoveredBySkippingTheCounterAhead() throws IOException {
    assertThat(runOnce().out().strip()).isEqualTo("delivered");
    Path backup = tmp.resolve("backup");
    copy(state, backup);
    for (int i = 0; i < 4; i++) {
      assertThat(runOnce().out().strip()).isEqualTo("delivered");
    }
    copy(backup, state); // the counter is back at 1; the collector holds 5

    for (long seq = 2; seq <= 4; seq++) {
      Result refused = runOnce();
      assertThat(refused.out().strip()).as("report %d", seq).isEqualTo("rejected");
      assertThat(refused.exit()).isEqualTo(1);
    }
    AgentStatus status = new StatusStore(state).load();
    assertThat(status.freshReplays()).isEqualTo(3);
    assertThat(status.refusedReports()).isEqualTo(3);
    assertThat(status.lastError().kind()).isEqualTo("sequence_behind");
    assertThat(status.lastError().message()).contains("report 4").contains("never sent before");
    assertThat(Files.readString(state.resolve("sequence")).strip()).isEqualTo("1000004");
    Result shown = AgentCli.run("status", "--state", state.toString());
    assertThat(shown.out()).contains("refused reports:  3 total, 3 fresh in a row as replayed");

    assertThat(runOnce().out().strip()).isEqualTo("delivered");
    assertThat(collector.acceptedSequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 1_000_005L);
    AgentStatus recovered = new StatusStore(state).load();
    assertThat(recovered.freshReplays()).isZero();
    assertThat(recovered.refusedReports()).isEqualTo(3);
    assertThat(Spool.inspect(state).depth()).isZero();
  }

  @Test
  void aCollectorHoldingTheLastPossibleSequenceCannotMakeTheAgentCountReportsAsDelivered() {
    assertThat(runOnce().out().strip()).isEqualTo("delivered");
    collector.holdSequence(LoopbackCollector.deviceId(1), Long.MAX_VALUE);

    for (int i = 0; i < 4; i++) {
      assertThat(runOnce().out().strip()).isEqualTo("rejected");
    }

    AgentStatus status = new StatusStore(state).load();
    assertThat(status.lastAcceptedSequence()).as("nothing after report 1 counts as delivered").isEqualTo(1);
    assertThat(status.freshReplays()).isEqualTo(4);
    assertThat(status.refusedReports()).isEqualTo(4);
    assertThat(collector.acceptedSequences()).containsExactly(1L);
  }

  private Result runOnce() {
    return AgentCli.run("run", "--once", "--state", state.toString());
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file)) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
