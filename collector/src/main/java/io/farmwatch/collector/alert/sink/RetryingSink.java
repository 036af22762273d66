package io.farmwatch.collector.alert.sink;

import io.farmwatch.collector.correlate.Alert;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to a sink on its own thread, retrying with exponential backoff, so a slow or absent
 * receiver never holds up the correlation engine. Nothing can hold up the alerts behind one alert
 * for good: a permanent failure drops it at once, a transient one after {@code maxAttempts}. The
 * queue is bounded; when it is full the oldest alert update is dropped (a newer update of most
 * alerts follows). Every drop is logged once and counted by reason.
 */
public final class RetryingSink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingSink.class);

  private final AlertSink sink;
  private final LinkedBlockingDeque<Alert> queue;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int maxAttempts;
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private volatile BiConsumer<String, String> dropListener = (sinkKind, reason) -> { };
  private volatile boolean running = true;

  /** @param maxAttempts deliveries tried per alert before it is dropped as {@code retries_exhausted} */
  public RetryingSink(AlertSink sink, int capacity, Duration initialBackoff, Duration maxBackoff, int maxAttempts) {
    this.sink = sink;
    this.queue = new LinkedBlockingDeque<>(capacity);
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.maxAttempts = maxAttempts;
    this.thread = new Thread(this::loop, "sink-" + sink.kind());
    thread.setDaemon(true);
    thread.start();
  }

  /** Where drops are counted from now on: called with the sink's kind and the reason. */
  public void reportDropsTo(BiConsumer<String, String> listener) {
    this.dropListener = listener;
  }

  /** Queues the alert; never blocks. */
  public void publish(Alert alert) {
    while (!queue.offerLast(alert)) {
      Alert oldest = queue.pollFirst();
      if (oldest != null) {
        drop(oldest, "queue_full", "the queue is full");
      }
    }
  }

  /** Alert updates dropped so far, for every reason. */
  public long dropped() {
    return dropped.get();
  }

  public int pending() {
    return queue.size();
  }

  private void drop(Alert alert, String reason, String why) {
    dropListener.accept(sink.kind(), reason);
    dropped.incrementAndGet();
    LOG.warn("alert sink {} dropped the update of alert {}: {}", sink.describe(), alert.id(), why);
  }

  private void loop() {
    while (running) {
      Alert next;
      try {
        next = queue.pollFirst(1, TimeUnit.SECONDS);
        if (next != null) {
          deliver(next);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void deliver(Alert alert) throws InterruptedException {
    long backoff = initialBackoff.toMillis();
    for (int attempt = 1; running; attempt++) {
      try {
        sink.deliver(alert);
        return;
      } catch (PermanentSinkFailure e) {
        drop(alert, e.reason(), e.getMessage());
        return;
      } catch (IOException | RuntimeException e) {
        if (attempt >= maxAttempts) {
          drop(alert, "retries_exhausted", attempt + " attempts failed, the last with " + e);
          return;
        }
        // One line per alert, not per attempt: a receiver down for an hour must not flood the log.
        if (attempt == 1) {
          LOG.warn("alert sink {} failed ({}); retrying with backoff up to {} attempts", sink.describe(),
              e, maxAttempts);
        }
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoff.toMillis());
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    sink.close();
  }
}
