package io.farmwatch.collector.correlate;

import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine on its own thread so correlation never blocks ingest: reports are queued as they
 * are accepted, and a full pass runs periodically. On start it rebuilds the fleet's state from the
 * latest observation stored with each device, so a restarted collector loses nothing.
 */
public final class CorrelationRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationRunner.class);
  static final int QUEUE = 65_536;

  private final CorrelationEngine engine;
  private final Storage storage;
  private final BlockingQueue<DeviceObservation> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread thread;
  private final Duration fullPassEvery;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running = true;
  private final Object idle = new Object();
  private volatile boolean busy;

  public CorrelationRunner(CorrelationEngine engine, Storage storage, Duration fullPassEvery) {
    this.engine = engine;
    this.storage = storage;
    this.fullPassEvery = fullPassEvery;
    this.thread = new Thread(this::loop, "correlation");
    thread.setDaemon(true);
  }

  public CorrelationRunner start() {
    thread.start();
    return this;
  }

  /** Queues an observation; never blocks. A full queue drops it, and the next full pass catches up. */
  public void submit(DeviceObservation o) {
    if (!queue.offer(o)) {
      dropped.incrementAndGet();
    }
  }

  /** Waits until everything queued so far has been correlated; for tests and orderly shutdown. */
  public void awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while ((!queue.isEmpty() || busy) && System.nanoTime() < deadline) {
        idle.wait(50);
      }
    }
  }

  private void loop() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.error("could not rebuild correlation state from storage; starting empty", e);
    }
    long nextFull = System.nanoTime() + fullPassEvery.toNanos();
    while (running) {
      try {
        DeviceObservation o = queue.poll(1, TimeUnit.SECONDS);
        busy = true;
        if (o != null) {
          engine.observe(o);
        }
        if (System.nanoTime() >= nextFull || dropped.getAndSet(0) > 0) {
          engine.fullPass();
          nextFull = System.nanoTime() + fullPassEvery.toNanos();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // One bad observation or a database hiccup must not stop correlation for the fleet.
        LOG.error("correlation step failed", e);
      } finally {
        busy = false;
        synchronized (idle) {
          idle.notifyAll();
        }
      }
    }
  }

  private void reload() {
    String after = null;
    int loaded = 0;
    while (true) {
      List<DeviceRecord> page = storage.devices(after, 1000);
      for (DeviceRecord d : page) {
        if (d.observationJson() != null && !d.revoked()) {
          try {
            engine.observe(ProtocolJson.mapper().readValue(d.observationJson(), DeviceObservation.class));
            loaded++;
          } catch (IOException e) {
            LOG.warn("stored observation of {} is unreadable; it will be replaced by the next report", d.deviceId());
          }
        }
      }
      if (page.size() < 1000) {
        break;
      }
      after = page.get(page.size() - 1).deviceId();
    }
    engine.fullPass();
    if (loaded > 0) {
      LOG.info("correlation state rebuilt from {} devices", loaded);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
