package io.farmwatch.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for reports: request threads hand their report over and wait; one writer thread
 * stores whatever has queued up in a single transaction and answers them all after the commit.
 * One commit (one fsync) then serves a whole batch, which is what lets SQLite keep up with
 * thousands of reports a second while every acknowledged report is on disk.
 */
final class ReportWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
  static final int MAX_BATCH = 512;
  /** Bounded so a slow disk pushes back on request threads instead of filling the heap. */
  static final int MAX_QUEUED = 8_192;
  /**
   * Under concurrent load the writer waits up to this long after a batch's first report for more
   * to arrive, up to {@link #GATHER_TARGET}: each commit has a fixed cost (the log frames of pages
   * its reports share, an fsync, the system calls), so larger batches spend less per report.
   */
  static final Duration GATHER_WINDOW = Duration.ofMillis(3);
  static final int GATHER_TARGET = 64;

  /**
   * Stores a batch inside the writer's transaction and returns one outcome per report, in order.
   * Batch-wide so a backend prepares its statements once per batch, not once per report.
   */
  @FunctionalInterface
  interface Step {
    List<AcceptOutcome> apply(Connection c, List<IncomingReport> reports) throws SQLException;
  }

  /** Housekeeping a backend runs on the writer's connection between batches, outside any transaction. */
  @FunctionalInterface
  interface BetweenBatches {
    void run(Connection c) throws SQLException;
  }

  private record Pending(IncomingReport report, CompletableFuture<AcceptOutcome> result) {}

  private static final Pending STOP = new Pending(null, null);

  private final DataSource dataSource;
  private final Step step;
  private final BetweenBatches housekeeping;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Thread thread;
  private final List<Storage.BatchListener> listeners = new CopyOnWriteArrayList<>();
  private final long gatherNanos;
  private volatile boolean closing;
  /** While the writer gathers: how many queued reports complete its batch. */
  private volatile int wakeAtQueued = Integer.MAX_VALUE;

  ReportWriter(DataSource dataSource, Step step, BetweenBatches housekeeping) {
    this(dataSource, step, housekeeping, GATHER_WINDOW);
  }

  ReportWriter(DataSource dataSource, Step step, BetweenBatches housekeeping, Duration gatherWindow) {
    this.gatherNanos = gatherWindow.toNanos();
    this.dataSource = dataSource;
    this.step = step;
    this.housekeeping = housekeeping;
    this.thread = new Thread(this::loop, "report-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void onBatchCommitted(Storage.BatchListener listener) {
    listeners.add(listener);
  }

  AcceptOutcome submit(IncomingReport report) {
    CompletableFuture<AcceptOutcome> result = new CompletableFuture<>();
    try {
      queue.put(new Pending(report, result));
      if (queue.size() >= wakeAtQueued) {
        // A full batch is waiting: the writer need not sit out the rest of its gather window.
        LockSupport.unpark(thread);
      }
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while storing a report", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof StoreException se ? se
          : new StoreException("storing a report failed: " + cause, cause);
    }
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    int lastBatch = 0;
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      // A lone report (the previous batch was one report too) is never held back: only a
      // writer that already sees concurrent reports waits for more.
      if (lastBatch > 1) {
        gather(batch);
      }
      boolean stop = batch.remove(STOP);
      lastBatch = batch.size();
      if (!batch.isEmpty()) {
        storeBatch(batch);
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  /**
   * One sleep for the whole window instead of a wake-up per arriving report: request threads then
   * hand their reports over without waking the writer (and paying the system call for it), and only
   * the one that fills the batch to {@link #GATHER_TARGET} ends the wait early.
   */
  private void gather(List<Pending> batch) {
    long deadline = System.nanoTime() + gatherNanos;
    wakeAtQueued = GATHER_TARGET - batch.size();
    try {
      long left;
      while (!closing && queue.size() < wakeAtQueued && (left = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(this, left);
        if (Thread.currentThread().isInterrupted()) {
          // The reports already taken are still stored and answered; the loop then stops.
          return;
        }
      }
    } finally {
      wakeAtQueued = Integer.MAX_VALUE;
    }
    queue.drainTo(batch, MAX_BATCH - batch.size());
  }

  private void storeBatch(List<Pending> batch) {
    List<AcceptOutcome> outcomes = null;
    Exception failure = null;
    try (Connection c = dataSource.getConnection()) {
      long start = System.nanoTime();
      try {
        outcomes = commitBatch(c, batch);
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
      if (outcomes != null) {
        long took = System.nanoTime() - start;
        // Before the answers go out, so a client that was answered finds its batch counted.
        tellListeners(l -> l.committed(batch.size(), took));
        complete(batch, outcomes);
        housekeep(c);
      }
    } catch (SQLException | RuntimeException e) {
      if (outcomes != null) {
        LOG.warn("returning the writer's connection failed after its batch was stored", e);
      } else if (failure != null) {
        failure.addSuppressed(e); // the commit's own error says more than the close's
      } else {
        failure = e;
      }
    }
    if (failure == null) {
      return;
    }
    if (batch.size() > 1) {
      // One bad report must not fail its neighbours: store each on its own.
      for (Pending p : batch) {
        storeBatch(List.of(p));
      }
    } else {
      batch.get(0).result().completeExceptionally(
          new StoreException("storing a report failed: " + failure.getMessage(), failure));
    }
  }

  private List<AcceptOutcome> commitBatch(Connection c, List<Pending> batch) throws SQLException {
    c.setAutoCommit(false);
    List<AcceptOutcome> outcomes;
    try {
      outcomes = step.apply(c, batch.stream().map(Pending::report).toList());
      if (outcomes.size() != batch.size()) {
        throw new IllegalStateException(outcomes.size() + " outcomes for " + batch.size() + " reports");
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
    c.setAutoCommit(true);
    return outcomes;
  }

  private void tellListeners(Consumer<Storage.BatchListener> event) {
    for (Storage.BatchListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        // A metrics fault must never leave a committed batch unanswered.
        LOG.warn("a batch listener failed", e);
      }
    }
  }

  private static void complete(List<Pending> batch, List<AcceptOutcome> outcomes) {
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(outcomes.get(i));
    }
  }

  private void housekeep(Connection c) {
    long start = System.nanoTime();
    try {
      housekeeping.run(c);
    } catch (SQLException | RuntimeException e) {
      // Housekeeping keeps the database lean; the reports it follows are committed either way.
      LOG.warn("housekeeping between report batches failed", e);
    }
    long took = System.nanoTime() - start;
    tellListeners(l -> l.housekept(took));
  }

  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      queue.put(STOP);
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
