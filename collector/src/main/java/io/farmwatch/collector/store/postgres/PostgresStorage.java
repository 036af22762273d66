package io.farmwatch.collector.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.farmwatch.collector.store.CorrelatorLease;
import io.farmwatch.collector.store.JdbcStorage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL, for several collectors behind a load balancer. All state is in the database; the
 * sequence compare-and-set is a single conditional UPDATE, so concurrent collectors cannot both
 * accept one report.
 */
public final class PostgresStorage extends JdbcStorage {

  /** Advisory lock keys ("FWcorrel", "FWfence_"): one correlator; the fence between writers and it. */
  static final long CORRELATOR_LOCK = 0x4657636f7272656cL;
  public static final long FENCE_LOCK = 0x4657666656e6365L;

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

  @Override
  protected String nextObservedSeq() {
    return "nextval('observation_seq')";
  }

  /**
   * Positions come from a sequence, outside transaction order: a batch on one collector may take
   * position 10 and commit after another's 11. Every batch holds this lock shared while it writes,
   * so the correlator, taking it exclusively for an instant, knows every position handed out before
   * is committed.
   */
  @Override
  protected void enterWriterFence(Connection c) throws SQLException {
    execute(c, "SELECT pg_advisory_xact_lock_shared(" + FENCE_LOCK + ")");
  }

  @Override
  protected long observationFence(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      // Waits for the batches in flight; the lock ends with this short transaction.
      execute(c, "SELECT pg_advisory_xact_lock(" + FENCE_LOCK + ")");
      try (PreparedStatement s = c.prepareStatement("SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
          + " FROM observation_seq"); ResultSet rs = s.executeQuery()) {
        rs.next();
        long fence = rs.getLong(1);
        c.commit();
        return fence;
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  @Override
  public CorrelatorLease correlatorLease() {
    return new AdvisoryLease(dataSource(), CORRELATOR_LOCK);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
    }
  }
}
