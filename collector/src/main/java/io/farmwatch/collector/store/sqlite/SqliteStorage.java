package io.farmwatch.collector.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.farmwatch.collector.store.JdbcStorage;
import java.nio.file.Path;

/**
 * The embedded default: one SQLite file in write-ahead-log mode.
 *
 * <p>synchronous=FULL makes every commit durable against power loss, not only against a crash of
 * the collector; group commit in the report writer keeps that affordable.
 */
public final class SqliteStorage extends JdbcStorage {

  public static final String FILE_NAME = "farmwatch.db";

  private SqliteStorage(HikariDataSource dataSource) {
    super(dataSource, "classpath:db/migration/sqlite");
  }

  public static SqliteStorage open(Path dataDir) {
    return open("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath());
  }

  public static SqliteStorage open(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("sqlite");
    config.setMaximumPoolSize(4);
    config.setConnectionInitSql(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON");
    return new SqliteStorage(new HikariDataSource(config));
  }
}
