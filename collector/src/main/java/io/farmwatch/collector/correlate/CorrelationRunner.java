package io.farmwatch.collector.correlate;

import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
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
  static final Duration BATCH_PAUSE = Duration.ofMillis(20);

  private final CorrelationEngine engine;
  private final Storage storage;
  private final BlockingQueue<DeviceObservation> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread thread;
  private final Duration fullPassEvery;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean running = true;

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

  private void loop() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.error("could not rebuild correlation state from storage; starting empty", e);
    }
    List<DeviceObservation> batch = new ArrayList<>();
    long nextFull = System.nanoTime() + fullPassEvery.toNanos();
    while (running) {
      try {
        DeviceObservation first = queue.poll(1, TimeUnit.SECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch);
        }
        batch.forEach(this::observe);
        batch.clear();
        if (System.nanoTime() >= nextFull || dropped.getAndSet(0) > 0) {
          engine.fullPass();
          nextFull = System.nanoTime() + fullPassEvery.toNanos();
        }
        if (first != null) {
          // Taken in batches with a pause between them: a thread waiting on the empty queue would
          // be woken, a system call and a context switch, by every single accepted report.
          Thread.sleep(BATCH_PAUSE.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // A database hiccup in a full pass must not stop correlation for the fleet.
        LOG.error("correlation pass failed", e);
      }
    }
  }

  private void observe(DeviceObservation o) {
    try {
      engine.observe(o);
    } catch (RuntimeException e) {
      // One bad observation must not cost the others of its batch.
      LOG.error("correlating the report of {} failed", o.deviceId(), e);
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
