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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real SQLite file with auto-checkpoint off, as {@link SqliteStorage} runs it. */
class WalCheckpointerTest {

  @TempDir Path dir;
  private HikariDataSource dataSource;
  private WalCheckpointer checkpointer;

  @BeforeEach
  void open() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("wal.db"));
    config.addDataSourceProperty("journal_mode", "WAL");
    config.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
    dataSource = new HikariDataSource(config);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t(v BLOB)");
    }
    // Never started: the test drives each round itself.
    checkpointer = new WalCheckpointer(dataSource, 40, Duration.ofHours(1));
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

  /** Leaves the log as steady load does: frames past the last complete passive round. */
  private void writeBehindAReader(int before, int after) throws SQLException {
    write(before);
    try (Connection r = reader()) {
      write(after);
      checkpointer.checkpointPassively();
      r.rollback();
    }
  }

  /** The writer's between-batches check, then one more commit: how long the log is now. */
  private long logFramesAfterTheWritersCheck() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      checkpointer.restartIfLarge(c);
    }
    write(1);
    return checkpointer.checkpointPassively().logFrames();
  }

  @Test
  void aPassiveRoundCopiesEveryFrameItMay() throws SQLException {
    write(30);
    WalCheckpointer.Progress p = checkpointer.checkpointPassively();
    assertThat(p.logFrames()).isGreaterThanOrEqualTo(30);
    assertThat(p.checkpointedFrames()).isEqualTo(p.logFrames());
  }

  @Test
  void theWriterRestartsTheLogOnceItPassesTheLimit() throws SQLException {
    writeBehindAReader(50, 10);
    assertThat(logFramesAfterTheWritersCheck()).isLessThan(10);
  }

  @Test
  void aSmallLogIsLeftAlone() throws SQLException {
    writeBehindAReader(5, 3);
    assertThat(logFramesAfterTheWritersCheck()).isGreaterThanOrEqualTo(9);
  }
}
