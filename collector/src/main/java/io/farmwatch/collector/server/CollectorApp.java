package io.farmwatch.collector.server;

import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.alert.sink.PublishingAlertStore;
import io.farmwatch.collector.alert.sink.RetryingSink;
import io.farmwatch.collector.api.AdminApi;
import io.farmwatch.collector.api.AnalystApi;
import io.farmwatch.collector.api.PolicyApi;
import io.farmwatch.collector.api.ConsoleApi;
import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.auth.Sessions;
import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.EgressAlerts;
import io.farmwatch.collector.correlate.CorrelationRunner;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.StorageAlertStore;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.ingest.CachedDeviceDirectory;
import io.farmwatch.collector.ingest.IngestService;
import io.farmwatch.collector.metrics.Metrics;
import io.farmwatch.collector.policy.PolicyService;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.VerificationPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running collector: storage, services, HTTP server and housekeeping, wired once. */
public final class CollectorApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CollectorApp.class);

  private final Storage storage;
  private final IngestService ingest;
  private final CollectorServer server;
  private final ScheduledExecutorService housekeeping;
  private final CorrelationRunner correlation;
  private final List<RetryingSink> sinks;

  /**
   * Starts serving.
   *
   * @param retention raw reports older than this are pruned; summaries and alerts stay
   */
  public CollectorApp(Storage storage, ServerSettings settings, Duration retention, Clock clock)
      throws IOException {
    this(storage, settings, retention, CorrelationSettings.DEFAULT, List.of(), clock);
  }

  /**
   * Starts serving.
   *
   * @param sinks where alert updates are delivered besides the database; closed with the app
   */
  public CollectorApp(Storage storage, ServerSettings settings, Duration retention,
      CorrelationSettings correlation, List<RetryingSink> sinks, Clock clock) throws IOException {
    this(storage, settings, retention, correlation, sinks, EgressAlerts.OFF, clock);
  }

  /**
   * Starts serving.
   *
   * @param egress egress intelligence and round-trip physics, {@link EgressAlerts#OFF} for none
   */
  public CollectorApp(Storage storage, ServerSettings settings, Duration retention,
      CorrelationSettings correlation, List<RetryingSink> sinks, EgressAlerts egress, Clock clock) throws IOException {
    this.sinks = List.copyOf(sinks);
    this.storage = storage;
    CachedDeviceDirectory devices = new CachedDeviceDirectory(storage, clock);
    Metrics metrics = new Metrics();
    sinks.forEach(s -> s.reportDropsTo(metrics::sinkDropped));
    storage.onReportBatchCommitted(new Storage.BatchListener() {
      @Override
      public void committed(int reports, long nanos) {
        metrics.observe("db_commit", nanos);
        metrics.count("db_committed_reports", reports);
      }

      @Override
      public void housekept(long nanos) {
        metrics.observe("db_housekeeping", nanos);
      }
    });
    this.ingest = new IngestService(
        new EnvelopeVerifier(new VerificationPolicy(settings.maxClockSkew(), settings.maxReportAge()), clock),
        devices, storage, metrics, correlation.history(), egress.site(), clock);
    // Built first: it refuses unsafe transport settings before any thread has started.
    EnrollmentService enrollment = new EnrollmentService(storage, clock);
    ApiKeys apiKeys = new ApiKeys(storage, clock);
    PolicyService policy = new PolicyService(storage, clock);
    CollectorServer http = new CollectorServer(settings, enrollment, ingest, new AnalystApi(storage, clock),
        new AdminApi(storage, enrollment, apiKeys, devices::forget, clock), new PolicyApi(policy),
        new AgentPolicyEndpoint(policy, devices, settings.maxClockSkew(), clock),
        new ConsoleApi(storage, correlation.silentAfter(), clock), apiKeys, new Sessions(storage, clock), metrics);
    StorageAlertStore alerts = new StorageAlertStore(storage, clock);
    PublishingAlertStore published = new PublishingAlertStore(alerts, sinks);
    this.correlation = new CorrelationRunner(() -> {
      CorrelationEngine engine = new CorrelationEngine(correlation, published, clock, storage::activityDays);
      engine.useEgress(egress.forTerm(storage, clock.instant()));
      return engine;
    }, alerts, storage, Duration.ofMinutes(10), clock).start();
    this.server = http.start();
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "housekeeping");
      t.setDaemon(true);
      return t;
    });
    housekeeping.scheduleWithFixedDelay(() -> prune(retention, correlation.history(), clock), 0, 1, TimeUnit.HOURS);
  }

  private void prune(Duration retention, Duration history, Clock clock) {
    try {
      int pruned = storage.pruneReportsReceivedBefore(clock.instant().minus(retention));
      if (pruned > 0) {
        LOG.info("pruned {} raw reports older than {}", pruned, retention);
      }
      long firstDay = ActivityDays.epochDay(clock.instant().minus(history));
      int days = storage.pruneActivityBefore(firstDay);
      if (days > 0) {
        LOG.info("pruned {} device-days of activity older than {}", days, history);
      }
      int roundTrips = storage.pruneRoundTripsBefore(firstDay);
      if (roundTrips > 0) {
        LOG.info("pruned {} daily round-trip minima older than {}", roundTrips, history);
      }
    } catch (RuntimeException e) {
      LOG.warn("pruning old reports failed; will retry", e);
    }
  }

  public IngestService ingest() {
    return ingest;
  }

  public CollectorServer server() {
    return server;
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    server.close();
    correlation.close();
    sinks.forEach(RetryingSink::close);
    storage.close();
  }
}
