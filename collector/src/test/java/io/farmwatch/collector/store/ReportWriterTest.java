package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path dir;
  private HikariDataSource dataSource;

  @BeforeEach
  void open() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("w.db"));
    dataSource = new HikariDataSource(config);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE seen(device_id TEXT, sequence INTEGER)");
    }
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  private static AcceptOutcome insert(Connection c, IncomingReport r) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO seen VALUES (?, ?)")) {
      s.setString(1, r.deviceId());
      s.setLong(2, r.sequence());
      s.executeUpdate();
    }
    return AcceptOutcome.STORED;
  }

  private static IncomingReport report(long sequence) {
    return new IncomingReport("d1", sequence, Instant.EPOCH, Instant.EPOCH, null, new byte[0], null, null, null, null);
  }

  private long rows() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM seen")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void housekeepingRunsAfterTheCommitOutsideAnyTransaction() throws SQLException {
    AtomicBoolean autoCommit = new AtomicBoolean();
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert,
        c -> autoCommit.set(c.getAutoCommit()))) {
      assertThat(writer.submit(report(1))).isEqualTo(AcceptOutcome.STORED);
    }
    assertThat(autoCommit).isTrue();
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void failingHousekeepingNeitherFailsNorRepeatsTheBatch() throws SQLException {
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert, c -> {
      throw new SQLException("disk hiccup during a checkpoint");
    })) {
      assertThat(writer.submit(report(1))).isEqualTo(AcceptOutcome.STORED);
      assertThat(writer.submit(report(2))).isEqualTo(AcceptOutcome.STORED);
    }
    assertThat(rows()).isEqualTo(2);
  }
}
