package io.farmwatch.collector.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.farmwatch.collector.store.JdbcStorage;

/**
 * PostgreSQL, for several collectors behind a load balancer. All state is in the database; the
 * sequence compare-and-set is a single conditional UPDATE, so concurrent collectors cannot both
 * accept one report.
 */
public final class PostgresStorage extends JdbcStorage {

  private PostgresStorage(HikariDataSource dataSource) {
    super(dataSource, "classpath:db/migration/postgres");
  }

  public static PostgresStorage open(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("postgres");
    config.setMaximumPoolSize(10);
    return new PostgresStorage(new HikariDataSource(config));
  }
}
