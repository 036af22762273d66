package io.farmwatch.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.spool.SpoolSnapshot;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.AgentCli.Result;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import io.farmwatch.agent.runtime.testing.LoopbackCollector.Received;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.report.AgentHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enroll, run --once and status against a real HTTP collector on loopback. */
class AgentRuntimeTest {

  @TempDir Path tmp;
  Path state;
  LoopbackCollector collector;

  @BeforeEach
  void startCollector() {
    state = tmp.resolve("state");
    collector = LoopbackCollector.start().allowToken("token-1");
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void enrollRecordsEverythingRunNeedsAndRunDeliversASignedCompressedReport() throws IOException {
    Result enroll = AgentCli.run("enroll", "--collector", collector.url(), "--token", "token-1", "--state", state.toString());

    assertThat(enroll.exit()).as(enroll.err()).isZero();
    assertThat(Files.readString(state.resolve(DeviceIdentityStore.DEVICE_ID_FILE)).strip()).isEqualTo(LoopbackCollector.deviceId(1));
    assertThat(Files.readString(state.resolve("enrollment.json"))).contains(collector.url()).contains(LoopbackCollector.deviceId(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("device.key")))).isEqualTo("rw-------");

    Result run = AgentCli.run("run", "--once", "--state", state.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo("delivered");
    assertThat(collector.accepted()).singleElement().satisfies(r -> {
      assertThat(r.deviceId()).isEqualTo(LoopbackCollector.deviceId(1));
      assertThat(r.sequence()).isEqualTo(1);
      // The report is compressed inside the signed envelope; compressing base64 again gains nothing.
      assertThat(r.envelopeVersion()).isEqualTo(2);
      assertThat(r.httpGzip()).isFalse();
      assertThat(r.report().agent()).isEqualTo(new AgentHealth(0, 0));
    });
    assertThat(Spool.inspect(state).depth()).isZero();
    AgentStatus status = new StatusStore(state).load();
    assertThat(status.lastAcceptedSequence()).isEqualTo(1);
    assertThat(status.lastSuccessAt()).isNotNull();

    Result shown = AgentCli.run("status", "--state", state.toString());
    assertThat(shown.out()).contains("enrolled:         yes, device " + LoopbackCollector.deviceId(1)).contains("(report 1)").contains("spool:            0 report(s)");
  }

  @Test
  void enrollIsNotRepeatedByAccidentAndAUsedTokenIsRefusedWithTheCollectorsReason() {
    assertThat(enroll().exit()).isZero();
    Result again = AgentCli.run("enroll", "--collector", collector.url(), "--token", "token-1", "--state", state.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("already enrolled as " + LoopbackCollector.deviceId(1));

    Result forced = AgentCli.run("enroll", "--collector", collector.url(), "--token", "token-1", "--state", state.toString(), "--force");
    assertThat(forced.exit()).isEqualTo(1);
    assertThat(forced.err()).contains("HTTP 401").contains("invalid_token").contains("unknown or used");
    assertThat(collector.enrollments()).isEqualTo(1);
  }

  @Test
  void plainHttpOffLoopbackIsRefusedWithoutExplicitPermission() {
    Result r = AgentCli.run("enroll", "--collector", "http://192.0.2.10:8080", "--token", "t", "--state", state.toString());
    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err()).contains("plain http://").contains("--allow-plain-http");
    assertThat(state.resolve("device.id")).doesNotExist();
  }

  @Test
  void reportsAreSpooledWhileTheCollectorIsDownAndDeliveredInOrderOnceWhenItIsBack() throws IOException {
    assertThat(enroll().exit()).isZero();
    assertThat(runOnce().out().strip()).isEqualTo("delivered");

    collector.stop();
    for (int i = 0; i < 3; i++) {
      Result r = runOnce();
      assertThat(r.exit()).as("a spooled report is a successful cycle").isZero();
      assertThat(r.out().strip()).isEqualTo("spooled");
    }
    collector.restart();
    collector.answerReportsWith(503);
    assertThat(runOnce().out().strip()).isEqualTo("spooled");
    SpoolSnapshot spooled = Spool.inspect(state);
    assertThat(spooled.depth()).isEqualTo(4);
    assertThat(spooled.oldestSequence()).isEqualTo(2);
    assertThat(new StatusStore(state).load().lastError().kind()).isEqualTo("unreachable");

    collector.answerReportsWith(0);
    assertThat(runOnce().out().strip()).isEqualTo("delivered");

    assertThat(collector.acceptedSequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(collector.attempts()).doesNotHaveDuplicates();
    assertThat(collector.replays()).isZero();
    assertThat(collector.accepted()).filteredOn(r -> r.sequence() >= 2 && r.sequence() <= 5)
        .extracting(r -> r.report().agent().spooledReports())
        .containsExactly(0, 1, 2, 3);
    assertThat(Spool.inspect(state).depth()).isZero();
    assertThat(new StatusStore(state).load().lastError()).isNull();
  }

  @Test
  void aReportWhoseAcknowledgementWasLostCountsAsDeliveredWhenTheCollectorSaysReplayed() throws Exception {
    Path config = writeConfig("collector:\n  timeout: 1s\n");
    assertThat(enroll().exit()).isZero();
    collector.delayResponses(Duration.ofMillis(1500));
    Result timedOut = AgentCli.run("run", "--once", "--state", state.toString(), "--config", config.toString());
    assertThat(timedOut.out().strip()).isEqualTo("spooled");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (collector.acceptedSequences().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(collector.acceptedSequences()).as("the collector stored it; only the answer was lost").containsExactly(1L);
    assertThat(Spool.inspect(state).depth()).isEqualTo(1);

    collector.delayResponses(Duration.ZERO);
    Result resent = AgentCli.run("run", "--once", "--state", state.toString(), "--config", config.toString());

    assertThat(resent.out().strip()).isEqualTo("delivered");
    assertThat(collector.replays()).isEqualTo(1);
    assertThat(collector.acceptedSequences()).containsExactly(1L, 2L);
    assertThat(Spool.inspect(state).depth()).isZero();
  }

  @Test
  void aFullSpoolDropsItsOldestAndTheNextReportCarriesTheCount() throws IOException {
    Path config = writeConfig("spool:\n  maxReports: 3\n");
    assertThat(enroll().exit()).isZero();
    collector.stop();
    for (int i = 0; i < 5; i++) {
      assertThat(AgentCli.run("run", "--once", "--state", state.toString(), "--config", config.toString()).exit()).isZero();
    }
    SpoolSnapshot full = Spool.inspect(state);
    assertThat(full.depth()).isEqualTo(3);
    assertThat(full.oldestSequence()).isEqualTo(3);
    assertThat(full.totalDrops()).isEqualTo(2);

    collector.restart();
    assertThat(AgentCli.run("run", "--once", "--state", state.toString(), "--config", config.toString()).exit()).isZero();

    List<Received> got = collector.accepted();
    assertThat(got).extracting(Received::sequence).containsExactly(3L, 4L, 5L, 6L);
    assertThat(got).extracting(r -> r.report().agent().droppedReports()).containsExactly(0L, 1L, 1L, 0L);
    assertThat(got.stream().mapToLong(r -> r.report().agent().droppedReports()).sum()).isEqualTo(2);
    assertThat(Spool.inspect(state).pendingDrops()).isZero();
  }

  @Test
  void aRejectedReportIsLoggedWithTheReasonDiscardedAndNotRetried() throws IOException {
    assertThat(enroll().exit()).isZero();
    collector.reject(2, ErrorCode.STALE);
    assertThat(runOnce().exit()).isZero();

    Result rejected = runOnce();
    assertThat(rejected.exit()).isEqualTo(1);
    assertThat(rejected.out().strip()).isEqualTo("rejected");
    AgentStatus status = new StatusStore(state).load();
    assertThat(status.lastError().code()).isEqualTo("stale");
    assertThat(status.lastError().message()).contains("report 2").contains("HTTP 422");
    assertThat(Spool.inspect(state).depth()).isZero();

    assertThat(runOnce().out().strip()).isEqualTo("delivered");
    assertThat(collector.attempts()).containsExactly(1L, 2L, 3L);
    assertThat(collector.acceptedSequences()).containsExactly(1L, 3L);
  }

  /**
   * 409 replayed for reports never sent before: the device's counter is behind the collector's, and
   * taking them as delivered would lose them silently.
   */
  @Test
  void aStateFolderRestoredFromABackupIsDetectedCountedAndRecoveredBySkippingTheCounterAhead() throws IOException {
    assertThat(enroll().exit()).isZero();
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
    assertThat(enroll().exit()).isZero();
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

  @Test
  void aRevokedDeviceStopsSendingKeepsItsReportsAndSaysSoInStatus() throws IOException {
    assertThat(enroll().exit()).isZero();
    assertThat(runOnce().exit()).isZero();
    collector.revoke(LoopbackCollector.deviceId(1));

    Result revoked = runOnce();
    assertThat(revoked.exit()).isEqualTo(77);
    assertThat(revoked.out().strip()).isEqualTo("stopped");
    int requests = collector.attempts().size();

    Result again = runOnce();
    assertThat(again.exit()).isEqualTo(77);
    assertThat(again.err()).contains("device revoked").contains("enroll again");
    assertThat(collector.attempts()).hasSize(requests);
    assertThat(Spool.inspect(state).depth()).as("nothing spooled is thrown away").isEqualTo(1);

    Result shown = AgentCli.run("status", "--state", state.toString());
    assertThat(shown.out()).contains("STOPPED").contains("revoked_device");

    collector.allowToken("token-2");
    Result reenrolled = AgentCli.run("enroll", "--collector", collector.url(), "--token", "token-2", "--state", state.toString(), "--force");
    assertThat(reenrolled.exit()).as(reenrolled.err()).isZero();
    assertThat(Spool.inspect(state).depth()).as("reports signed for the revoked identity are void").isZero();
    Result resumed = runOnce();
    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(collector.accepted()).last().extracting(Received::deviceId).isEqualTo(LoopbackCollector.deviceId(2));
    assertThat(AgentCli.run("status", "--state", state.toString()).out()).doesNotContain("STOPPED");
  }

  @Test
  void runWithoutEnrollmentSaysHowToEnroll() {
    Result r = runOnce();
    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err()).contains("not enrolled").contains("farmwatch-agent enroll");
  }

  @Test
  void runRefusesAnInvalidConfigNamingEveryBadKey() throws IOException {
    Path config = writeConfig("spool:\n  maxBytes: 0\nschedule:\n  interval: soon\n  jiter: 0.2\n");
    Result r = AgentCli.run("run", "--once", "--state", state.toString(), "--config", config.toString());
    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err())
        .contains("spool.maxBytes: must be > 0")
        .contains("schedule.interval: must be a duration")
        .contains("schedule.jiter: unknown key");
  }

  private Result enroll() {
    return AgentCli.run("enroll", "--collector", collector.url(), "--token", "token-1", "--state", state.toString());
  }

  private Result runOnce() {
    return AgentCli.run("run", "--once", "--state", state.toString());
  }

  private Path writeConfig(String yaml) throws IOException {
    Path file = tmp.resolve("agent.yaml");
    Files.writeString(file, yaml);
    return file;
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
