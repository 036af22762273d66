package io.farmwatch.collector.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on its own thread.
 *
 * <p>Left to itself, SQLite checkpoints inside the commit that crosses {@code wal_autocheckpoint}:
 * the report writer would copy a thousand pages and fsync the database file while every request
 * of its batch waits. Here connections run with auto-checkpoint off and this thread makes passive
 * checkpoints, which run beside the writer without blocking it.
 *
 * <p>A passive checkpoint cannot start the log over while the writer keeps appending, so under
 * steady load the log would only grow. The writer therefore calls {@link #restartIfLarge} between
 * batches: once the log passes {@code restartFrames} it finishes the few frames the passive pass
 * has not copied yet and rewinds the log. Done from the writer's own thread, that costs one short
 * pause between batches instead of a lock fight with the writer in the middle of one.
 */
final class WalCheckpointer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  /** One row of {@code PRAGMA wal_checkpoint}: frames in the log and frames copied so far. */
  record Progress(boolean blocked, long logFrames, long checkpointedFrames) {}

  private final DataSource dataSource;
  private final long restartFrames;
  private final Duration interval;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long logFrames;

  WalCheckpointer(DataSource dataSource, long restartFrames, Duration interval) {
    this.dataSource = dataSource;
    this.restartFrames = restartFrames;
    this.interval = interval;
    this.thread = new Thread(this::loop, "sqlite-checkpoint");
    thread.setDaemon(true);
  }

  WalCheckpointer start() {
    thread.start();
    return this;
  }

  /** A passive checkpoint: copies what it can without waiting for anyone. */
  Progress checkpointPassively() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Progress p = checkpoint(c, "PASSIVE");
      logFrames = p.logFrames();
      return p;
    }
  }

  /**
   * Rewinds the log when the last passive pass saw it past the limit. Must run on a connection
   * with no open transaction; waits for readers, so only the writer between batches calls it.
   */
  void restartIfLarge(Connection c) throws SQLException {
    if (logFrames >= restartFrames) {
      Progress p = checkpoint(c, "RESTART");
      logFrames = p.blocked() ? p.logFrames() : 0;
    }
  }

  private static Progress checkpoint(Connection c, String mode) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
      r.next();
      return new Progress(r.getInt(1) != 0, r.getLong(2), r.getLong(3));
    }
  }

  private void loop() {
    while (running) {
      try {
        checkpointPassively();
      } catch (SQLException | RuntimeException e) {
        // Every committed report is safe in the log either way; the log only grows until next time.
        if (running) {
          LOG.warn("checkpointing the SQLite write-ahead log failed; retrying", e);
        }
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
