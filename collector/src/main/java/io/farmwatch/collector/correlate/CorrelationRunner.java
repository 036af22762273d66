package io.farmwatch.collector.correlate;

import io.farmwatch.collector.store.CorrelatorLease;
import io.farmwatch.collector.store.ObservedDevice;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates the whole fleet on one collector at a time. Every collector runs one; the one holding
 * the {@link CorrelatorLease} reads every accepted report from the database through a cursor, so it
 * sees reports any collector accepted, while the others wait to take over. A new holder rebuilds its
 * state from the database (alerts with their IDs and triage, hardware baselines, roster, each
 * device's latest observation) and carries on, so neither a restart nor a takeover duplicates an alert.
 */
public final class CorrelationRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelationRunner.class);
  /** How often the correlator looks for new reports, and how often a waiting collector asks for the lease. */
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration LEASE_RETRY = Duration.ofSeconds(5);
  /** A roster imported on any collector takes effect within this. */
  static final Duration ROSTER_CHECK = Duration.ofSeconds(30);
  static final int PAGE = 1000;
  /** Name of the shared value where the correlator leaves its cursor, for operators and a successor's log. */
  static final String CURSOR = "correlation_cursor";

  private final Supplier<CorrelationEngine> engines;
  private final StorageAlertStore alerts;
  private final Storage storage;
  private final CorrelatorLease lease;
  private final Duration fullPassEvery;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean correlating;
  private volatile long cursor;

  /**
   * @param engines a fresh engine for each term as the correlator: state from an earlier term may be stale
   */
  public CorrelationRunner(Supplier<CorrelationEngine> engines, StorageAlertStore alerts, Storage storage,
      Duration fullPassEvery, Clock clock) {
    this.engines = engines;
    this.alerts = alerts;
    this.storage = storage;
    this.lease = storage.correlatorLease();
    this.fullPassEvery = fullPassEvery;
    this.clock = clock;
    this.thread = new Thread(this::loop, "correlation");
    thread.setDaemon(true);
  }

  public CorrelationRunner start() {
    thread.start();
    return this;
  }

  /** Whether this collector is the fleet's correlator right now. */
  public boolean correlating() {
    return correlating;
  }

  /** The position of the last report correlated in this term. */
  public long cursor() {
    return cursor;
  }

  private void loop() {
    while (running) {
      try {
        if (lease.tryAcquire()) {
          correlate();
        }
        pause(LEASE_RETRY);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database may be failing over; this collector asks again for the lease in a moment.
        correlating = false;
        LOG.error("correlation stopped; retrying in {}", LEASE_RETRY, e);
        try {
          pause(LEASE_RETRY);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** One term as the correlator: until the lease is lost or the collector stops. */
  private void correlate() throws InterruptedException {
    CorrelationEngine engine = engines.get();
    alerts.forEach(engine::restore);
    String rosterVersion = storage.correlationState(Storage.ROSTER_VERSION).orElse("");
    engine.setRoster(storage.roster());
    String previous = storage.correlationState(CURSOR).orElse("none");
    cursor = 0;
    int loaded = drain(engine, false);
    engine.fullPass();
    correlating = true;
    LOG.info("correlating the fleet: {} devices loaded (the previous correlator's cursor was {}, now {})",
        loaded, previous, cursor);
    long nextFull = System.nanoTime() + fullPassEvery.toNanos();
    long nextRosterCheck = System.nanoTime() + ROSTER_CHECK.toNanos();
    long savedCursor = -1;
    try {
      while (running) {
        if (!lease.held()) {
          LOG.warn("lost the correlator lease; another collector takes over");
          return;
        }
        drain(engine, true);
        if (System.nanoTime() >= nextRosterCheck) {
          String version = storage.correlationState(Storage.ROSTER_VERSION).orElse("");
          if (!version.equals(rosterVersion)) {
            rosterVersion = version;
            engine.setRoster(storage.roster());
            LOG.info("roster changed; re-evaluating the fleet");
            nextFull = 0;
          }
          nextRosterCheck = System.nanoTime() + ROSTER_CHECK.toNanos();
        }
        if (System.nanoTime() >= nextFull) {
          engine.fullPass();
          nextFull = System.nanoTime() + fullPassEvery.toNanos();
        }
        if (cursor != savedCursor) {
          storage.setCorrelationState(CURSOR, Long.toString(cursor), clock.instant());
          savedCursor = cursor;
        }
        pause(POLL);
      }
    } finally {
      correlating = false;
    }
  }

  /**
   * Takes every device whose latest report is past the cursor, evaluating each as it comes or, while
   * a new correlator loads the fleet, only loading them; returns how many.
   */
  private int drain(CorrelationEngine engine, boolean evaluate) {
    long fence = storage.observationFence();
    int seen = 0;
    while (true) {
      List<ObservedDevice> page = storage.observedAfter(cursor, fence, PAGE);
      for (ObservedDevice d : page) {
        take(engine, d, evaluate);
      }
      // One transaction for what the page's reports left to write (new round-trip minima), not one each.
      engine.flush();
      if (!page.isEmpty()) {
        cursor = page.get(page.size() - 1).observedSeq();
      }
      seen += page.size();
      if (page.size() < PAGE) {
        return seen;
      }
    }
  }

  private void take(CorrelationEngine engine, ObservedDevice d, boolean evaluate) {
    if (d.revoked() || d.observationJson() == null) {
      return;
    }
    DeviceObservation o;
    try {
      o = ProtocolJson.mapper().readValue(d.observationJson(), DeviceObservation.class);
    } catch (IOException e) {
      LOG.warn("stored observation of {} is unreadable; it will be replaced by the next report", d.deviceId());
      return;
    }
    try {
      if (d.baselineFingerprint() != null) {
        engine.restoreBaseline(d.deviceId(), d.baselineFingerprint());
      } else if (o.fingerprint() != null) {
        storage.recordBaseline(d.deviceId(), o.fingerprint(), o.seenAt());
      }
      if (evaluate) {
        engine.observe(o);
      } else {
        engine.load(o);
      }
    } catch (RuntimeException e) {
      // One bad observation must not cost the rest of the fleet its correlation.
      LOG.error("correlating the report of {} failed", d.deviceId(), e);
    }
  }

  private void pause(Duration d) throws InterruptedException {
    if (running) {
      Thread.sleep(d.toMillis());
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
    lease.close();
  }
}
