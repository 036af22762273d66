package io.farmwatch.collector.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.farmwatch.collector.store.JdbcStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The embedded default: one SQLite file in write-ahead-log mode.
 *
 * <p>synchronous=FULL makes every commit durable against power loss, not only against a crash of
 * the collector; group commit in the report writer keeps that affordable. Checkpoints run on their
 * own thread ({@link WalCheckpointer}), not inside the writer's commits.
 */
public final class SqliteStorage extends JdbcStorage {

  public static final String FILE_NAME = "farmwatch.db";
  /**
   * 512 MB of 4 KB pages: the log is started over once it holds this much. Each start-over pauses
   * the writer for an fsync of the database file, so a larger log means rarer pauses (figures in
   * docs/collector.md, "Durability and throughput").
   */
  static final long RESTART_FRAMES = 131_072;
  static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);
  /** Page cache per connection, in KiB (SQLite reads a negative cache_size as KiB). */
  static final int CACHE_KIB = 32 * 1024;

  private final WalCheckpointer checkpointer;

  private SqliteStorage(HikariDataSource dataSource) {
    super(dataSource, "classpath:db/migration/sqlite");
    this.checkpointer = new WalCheckpointer(dataSource, RESTART_FRAMES, CHECKPOINT_INTERVAL).start();
  }

  @Override
  protected void betweenReportBatches(Connection c) throws SQLException {
    checkpointer.rewindIfLarge(c);
  }

  public static SqliteStorage open(Path dataDir) {
    return open("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath());
  }

  public static SqliteStorage open(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("sqlite");
    config.setMaximumPoolSize(4);
    // The driver applies these to every connection it opens (a multi-statement init SQL would run
    // only its first statement).
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "10000");
    config.addDataSourceProperty("foreign_keys", "true");
    // A log file that keeps its size is overwritten in place; regrowing it after every restart
    // would make each commit's fsync wait on file-system metadata.
    config.addDataSourceProperty("journal_size_limit", String.valueOf(WalCheckpointer.FORCE_FACTOR * RESTART_FRAMES * 4096));
    // The default page cache is 2 MB: the devices table and the reports' key index outgrow it,
    // and every miss is a read system call on the writer's thread.
    config.addDataSourceProperty("cache_size", String.valueOf(-CACHE_KIB));
    config.setConnectionInitSql("PRAGMA wal_autocheckpoint=0");
    return new SqliteStorage(new HikariDataSource(config));
  }

  /** A pragma's value as a pooled connection sees it; the settings above are per connection. */
  String pragma(String name) throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA " + name)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  @Override
  public void close() {
    checkpointer.close();
    super.close();
  }
}
