package io.farmwatch.collector.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
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
 * steady load the log would only grow. SQLite rewinds it by itself, for the price of one header
 * write, at the first write transaction after a checkpoint has copied every frame; under load a
 * commit always slips in between. So once the log passes {@code restartFrames} a round repeats its
 * passive pass until one finds fewer than {@link #CAUGHT_UP_FRAMES} new frames, and within
 * {@link #FRESH} of such a caught-up round the writer, between batches, copies the few frames left
 * with a passive pass of its own ({@link #rewindIfLarge}): nothing can commit in between, so its
 * next batch starts the log over. A RESTART checkpoint there would wait for the checkpointer's pass
 * in progress in the busy handler's coarse sleeps, with every queued request behind it. A reader
 * holding frames back defers the rewind, and a log {@link #FORCE_FACTOR} times the limit is
 * restarted regardless.
 */
final class WalCheckpointer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

  /** One row of {@code PRAGMA wal_checkpoint}: frames in the log and frames copied so far. */
  record Progress(boolean blocked, long logFrames, long checkpointedFrames) {}

  private final DataSource dataSource;
  private final long restartFrames;
  private final Duration interval;
  /** Nanoseconds for {@link #FRESH}; the tests step it by hand, since a loaded machine can take 20 ms anywhere. */
  private final LongSupplier ticker;
  private final Thread thread;
  static final long CAUGHT_UP_FRAMES = 256;
  static final Duration FRESH = Duration.ofMillis(20);
  static final int FORCE_FACTOR = 4;
  private static final int MAX_CATCH_UP_PASSES = 8;
  private static final long NEVER = Long.MIN_VALUE;

  /** Held through every pass, so the writer never queues behind the checkpointer's. */
  private final ReentrantLock passLock = new ReentrantLock();
  private volatile boolean running = true;
  private volatile Progress lastPass;
  private volatile long caughtUpAt = NEVER;

  WalCheckpointer(DataSource dataSource, long restartFrames, Duration interval) {
    this(dataSource, restartFrames, interval, System::nanoTime);
  }

  WalCheckpointer(DataSource dataSource, long restartFrames, Duration interval, LongSupplier ticker) {
    this.dataSource = dataSource;
    this.restartFrames = restartFrames;
    this.interval = interval;
    this.ticker = ticker;
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
      Progress p = checkpointHoldingTheLock(c, "PASSIVE");
      lastPass = p;
      return p;
    }
  }

  /** One round of the checkpointer's thread: a passive pass, repeated near the limit until caught up. */
  void round() throws SQLException {
    Progress p = checkpointPassively();
    for (int pass = 1; pass < MAX_CATCH_UP_PASSES && !p.blocked() && p.logFrames() >= restartFrames; pass++) {
      Progress next = checkpointPassively();
      if (next.blocked() || next.checkpointedFrames() < next.logFrames()) {
        return;
      }
      if (next.logFrames() - p.logFrames() < CAUGHT_UP_FRAMES) {
        caughtUpAt = ticker.getAsLong();
        return;
      }
      p = next;
    }
  }

  /**
   * Lets the log start over when it is past the limit and a round has just caught up with it:
   * copies the frames left so the writer's next transaction rewinds the log. Skipped while the
   * checkpointer is mid-pass (the next batch tries again) or a reader holds frames back. A log far
   * past the limit is restarted even if that waits. Must run on a connection with no open
   * transaction, so only the writer between batches calls it.
   *
   * @return whether the log starts over at the next write
   */
  boolean rewindIfLarge(Connection c) throws SQLException {
    Progress last = lastPass;
    if (last == null || last.blocked() || last.checkpointedFrames() < last.logFrames()) {
      return false;
    }
    if (last.logFrames() >= FORCE_FACTOR * restartFrames) {
      return finished(checkpointHoldingTheLock(c, "RESTART"));
    }
    long caughtUp = caughtUpAt;
    boolean fresh = caughtUp != NEVER && ticker.getAsLong() - caughtUp < FRESH.toNanos();
    if (last.logFrames() < restartFrames || !fresh || !passLock.tryLock()) {
      return false;
    }
    try {
      return finished(checkpoint(c, "PASSIVE"));
    } finally {
      passLock.unlock();
    }
  }

  /** Records the writer's pass; one that copied every frame is done with this log. */
  private boolean finished(Progress p) {
    boolean all = !p.blocked() && p.checkpointedFrames() == p.logFrames();
    caughtUpAt = NEVER;
    lastPass = all ? null : p;
    return all;
  }

  private Progress checkpointHoldingTheLock(Connection c, String mode) throws SQLException {
    passLock.lock();
    try {
      return checkpoint(c, mode);
    } finally {
      passLock.unlock();
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
        round();
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
