package io.farmwatch.collector.store.postgres;

import io.farmwatch.collector.store.CorrelatorLease;
import io.farmwatch.collector.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session-level advisory lock on a connection kept for as long as the lease is held. The server
 * releases the lock when that session ends, so a collector killed outright frees it at once, and
 * one whose network vanished frees it when the server's TCP keepalive gives up (docs/collector.md).
 */
final class AdvisoryLease implements CorrelatorLease {

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLease.class);
  /** How long a liveness check may take before the connection, and with it the lease, counts as lost. */
  static final int CHECK_TIMEOUT_MS = 5_000;

  private final DataSource dataSource;
  private final long key;
  private Connection connection;

  AdvisoryLease(DataSource dataSource, long key) {
    this.dataSource = dataSource;
    this.key = key;
  }

  @Override
  public synchronized boolean tryAcquire() {
    if (connection != null) {
      return held();
    }
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      c.setNetworkTimeout(Runnable::run, CHECK_TIMEOUT_MS);
      try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        s.setLong(1, key);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            connection = c;
            return true;
          }
        }
      }
      c.close();
      return false;
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException("taking the correlator lease failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized boolean held() {
    if (connection == null) {
      return false;
    }
    try (PreparedStatement s = connection.prepareStatement(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted"
            + " AND ((classid::bigint << 32) | objid::bigint) = ?")) {
      s.setLong(1, key);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next() && rs.getInt(1) > 0) {
          return true;
        }
      }
    } catch (SQLException e) {
      LOG.warn("the correlator lease's connection failed; the lease is lost: {}", e.getMessage());
    }
    closeQuietly(connection);
    connection = null;
    return false;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        s.setLong(1, key);
        s.executeQuery().close();
      } catch (SQLException e) {
        LOG.debug("unlocking the correlator lease failed; closing its session frees it", e);
      }
      closeQuietly(connection);
      connection = null;
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing a lease connection failed", e);
      }
    }
  }
}
