package io.farmwatch.agent.runtime.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.runtime.config.SpoolLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

  @TempDir Path state;

  @Test
  void keepsReportsInSequenceOrderAcrossReopening() throws IOException {
    Spool spool = Spool.open(state, new SpoolLimits(1 << 20, 100));
    spool.add(9, 0, bytes("nine"));
    spool.add(10, 0, bytes("ten"));
    spool.add(100, 0, bytes("hundred"));

    Spool reopened = Spool.open(state, new SpoolLimits(1 << 20, 100));
    assertThat(reopened.pending()).extracting(SpooledReport::sequence).containsExactly(9L, 10L, 100L);
    assertThat(new String(reopened.pending().get(2).read(), StandardCharsets.UTF_8)).isEqualTo("hundred");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reopened.pending().get(0).file())))
        .isEqualTo("rw-------");
  }

  @Test
  void aWriteACrashLeftHalfDoneIsDiscardedOnOpen() throws IOException {
    Spool spool = Spool.open(state, new SpoolLimits(1 << 20, 100));
    spool.add(1, 0, bytes("one"));
    Path torn = state.resolve(Spool.DIR).resolve("00000000000000000002-0.envelope.tmp");
    Files.writeString(torn, "{\"v\":1,\"payl");

    Spool reopened = Spool.open(state, new SpoolLimits(1 << 20, 100));
    assertThat(reopened.pending()).extracting(SpooledReport::sequence).containsExactly(1L);
    assertThat(torn).doesNotExist();
  }

  @Test
  void whenFullTheOldestIsDroppedAndEachDropIsCarriedOnce() throws IOException {
    Spool spool = Spool.open(state, new SpoolLimits(1 << 20, 2));
    assertThat(spool.makeRoom(10)).isZero();
    spool.add(1, 0, bytes("r1"));
    assertThat(spool.makeRoom(10)).isZero();
    spool.add(2, 0, bytes("r2"));

    long carried = spool.makeRoom(10);
    assertThat(carried).isEqualTo(1);
    spool.add(3, carried, bytes("r3"));
    assertThat(spool.pendingDrops()).isZero();
    assertThat(spool.pending()).extracting(SpooledReport::sequence).containsExactly(2L, 3L);

    // Report 3 carries one drop; when 2 and then 3 are dropped too, 3's count moves on.
    assertThat(spool.makeRoom(10)).isEqualTo(1);
    spool.add(4, 1, bytes("r4"));
    assertThat(spool.makeRoom(10)).isEqualTo(2);
    assertThat(spool.totalDrops()).isEqualTo(3);
    assertThat(Spool.inspect(state)).isEqualTo(new SpoolSnapshot(1, 2, 2, 3, 4L));
  }

  @Test
  void theByteLimitDropsOldestButKeepsASingleOversizedReport() throws IOException {
    Spool spool = Spool.open(state, new SpoolLimits(10, 100));
    spool.add(1, 0, bytes("12345"));
    spool.add(2, 0, bytes("12345"));
    assertThat(spool.makeRoom(5)).isEqualTo(1);
    spool.add(3, 1, bytes("123456789012345"));
    assertThat(spool.pending()).extracting(SpooledReport::sequence).containsExactly(3L);
    assertThat(spool.pendingDrops()).isEqualTo(1);
  }

  @Test
  void aDiscardedReportGivesBackTheDropsItCarried() throws IOException {
    Spool spool = Spool.open(state, new SpoolLimits(1 << 20, 100));
    SpooledReport carrier = spool.add(5, 3, bytes("x"));
    assertThat(spool.pendingDrops()).isZero();
    spool.discard(carrier);
    assertThat(spool.pendingDrops()).isEqualTo(3);
    assertThat(Spool.open(state, new SpoolLimits(1 << 20, 100)).pendingDrops()).as("persisted").isEqualTo(3);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
