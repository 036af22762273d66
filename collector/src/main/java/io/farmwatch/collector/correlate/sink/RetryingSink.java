package io.farmwatch.collector.correlate.sink;

import io.farmwatch.collector.correlate.Alert;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to a sink on its own thread, retrying with exponential backoff, so a slow or absent
 * receiver never holds up the correlation engine. The queue is bounded; when it is full the oldest
 * alert update is dropped (a newer update of most alerts follows) and counted.
 */
public final class RetryingSink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingSink.class);

  private final AlertSink sink;
  private final LinkedBlockingDeque<Alert> queue;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running = true;

  public RetryingSink(AlertSink sink, int capacity, Duration initialBackoff, Duration maxBackoff) {
    this.sink = sink;
    this.queue = new LinkedBlockingDeque<>(capacity);
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.thread = new Thread(this::loop, "sink-" + sink.describe());
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues the alert; never blocks. */
  public void publish(Alert alert) {
    while (!queue.offerLast(alert)) {
      if (queue.pollFirst() != null) {
        dropped.incrementAndGet();
      }
    }
  }

  public long dropped() {
    return dropped.get();
  }

  public int pending() {
    return queue.size();
  }

  private void loop() {
    while (running) {
      Alert next;
      try {
        next = queue.pollFirst(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (next == null) {
        continue;
      }
      long backoff = initialBackoff.toMillis();
      while (running) {
        try {
          sink.deliver(next);
          break;
        } catch (IOException | RuntimeException e) {
          LOG.warn("alert sink {} failed ({}); retrying in {} ms", sink.describe(), e.getMessage(), backoff);
          try {
            Thread.sleep(backoff);
          } catch (InterruptedException ie) {
            return;
          }
          backoff = Math.min(backoff * 2, maxBackoff.toMillis());
        }
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
