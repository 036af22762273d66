package io.farmwatch.collector.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real SQLite file with auto-checkpoint off, as {@link SqliteStorage} runs it. */
class WalCheckpointerTest {

  private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private WalCheckpointer checkpointer;
  /** The checkpointer's nanoseconds: they pass only when a test says so. */
  private final AtomicLong nanos = new AtomicLong();

  @BeforeEach
  void open() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("wal.db"));
    config.addDataSourceProperty("journal_mode", "WAL");
    config.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
    // Far longer than any call here may take: a call that waits for the reader would take all of it.
    config.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT.toMillis()));
    dataSource = new HikariDataSource(config);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t(v BLOB)");
    }
    // Never started: the test drives each round itself.
    checkpointer = new WalCheckpointer(dataSource, 40, Duration.ofHours(1), nanos::get);
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  private void write(int rows) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("INSERT INTO t VALUES (?)")) {
      for (int i = 0; i < rows; i++) {
        s.setBytes(1, new byte[3000]);
        s.executeUpdate();
      }
    }
  }

  /** An open read transaction: while it lasts, neither a checkpoint nor a writer can rewind the log. */
  private Connection reader() throws SQLException {
    Connection c = dataSource.getConnection();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT count(*) FROM t").close();
    }
    return c;
  }

  /** The writer's between-batches step. */
  private boolean writerRewinds() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return checkpointer.rewindIfLarge(c);
    }
  }

  private long logFrames() throws SQLException {
    return checkpointer.checkpointPassively().logFrames();
  }

  /** One more commit, then the log's length: short if that commit started the log over. */
  private long logFramesAfterOneMoreCommit() throws SQLException {
    write(1);
    return logFrames();
  }

  @Test
  void aPassiveRoundCopiesEveryFrameItMay() throws SQLException {
    write(30);
    WalCheckpointer.Progress p = checkpointer.checkpointPassively();
    assertThat(p.logFrames()).isGreaterThanOrEqualTo(30);
    assertThat(p.checkpointedFrames()).isEqualTo(p.logFrames());
  }

  /**
   * Under load a commit slips in between the checkpointer's last pass and the writer's next batch;
   * a reader alive through that commit stands in for it here (it keeps SQLite from rewinding the
   * log at that commit, as the frames it has not copied would).
   */
  private void caughtUpThenOneMoreCommit() throws SQLException {
    write(20);
    try (Connection r = reader()) {
      checkpointer.round();
      write(2);
      r.rollback();
    }
  }

  @Test
  void theWritersNextBatchStartsTheLogOverRightAfterARoundCaughtUpWithIt() throws SQLException {
    caughtUpThenOneMoreCommit();
    nanos.addAndGet(WalCheckpointer.FRESH.toNanos() - 1);
    assertThat(writerRewinds()).isTrue();
    assertThat(logFramesAfterOneMoreCommit()).isLessThan(10);
  }

  @Test
  void leftAloneTheLogKeepsGrowing() throws SQLException {
    caughtUpThenOneMoreCommit();
    assertThat(logFramesAfterOneMoreCommit()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void aCaughtUpRoundOlderThanAFewBatchesIsNotEnough() throws SQLException {
    caughtUpThenOneMoreCommit();
    nanos.addAndGet(WalCheckpointer.FRESH.toNanos());
    // The frames written since may be many by now: copying them would stall the writer.
    assertThat(writerRewinds()).isFalse();
    assertThat(logFramesAfterOneMoreCommit()).isGreaterThanOrEqualTo(40);
  }

  @Test
  void withoutACaughtUpRoundTheWriterWaitsUntilTheLogIsFarPastTheLimit() throws SQLException {
    write(20);
    assertThat(logFrames()).isBetween(40L, WalCheckpointer.FORCE_FACTOR * 40L - 1);
    assertThat(writerRewinds()).isFalse();
    write(60);
    assertThat(logFrames()).isGreaterThanOrEqualTo(WalCheckpointer.FORCE_FACTOR * 40L);
    assertThat(writerRewinds()).isTrue();
    assertThat(logFramesAfterOneMoreCommit()).isLessThan(10);
  }

  @Test
  void aReaderHoldingFramesBackDefersTheRestartInsteadOfStallingTheWriter() throws SQLException {
    write(20);
    try (Connection r = reader()) {
      write(60);
      checkpointer.round();
      long start = System.nanoTime();
      assertThat(writerRewinds()).isFalse();
      // A restart would have waited for the reader until the driver's busy timeout.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUSY_TIMEOUT.dividedBy(2));
      r.rollback();
    }
    checkpointer.round();
    assertThat(writerRewinds()).isTrue();
    assertThat(logFramesAfterOneMoreCommit()).isLessThan(10);
  }

  @Test
  void aSmallLogIsLeftAlone() throws SQLException {
    write(5);
    checkpointer.round();
    assertThat(writerRewinds()).isFalse();
  }
}
