package io.farmwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.collector.correlate.Observations;
import io.farmwatch.collector.metrics.Metrics;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.store.AcceptOutcome;
import io.farmwatch.collector.store.IncomingReport;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.VerificationResult;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Verifies an uploaded envelope and stores its report: the whole of {@code POST /api/v1/reports}. */
public final class IngestService {

  private final EnvelopeVerifier verifier;
  private final CachedDeviceDirectory devices;
  private final Storage storage;
  private final Metrics metrics;
  private final Clock clock;
  private final Duration history;
  private final CollectorSite site;

  /**
   * @param history how far back a report's input minutes still enter the activity history
   * @param site where this collector stands, stamped on each observation for round-trip physics; null if unknown
   */
  public IngestService(EnvelopeVerifier verifier, CachedDeviceDirectory devices, Storage storage, Metrics metrics,
      Duration history, CollectorSite site, Clock clock) {
    this.history = history;
    this.site = site;
    this.metrics = metrics;
    this.verifier = verifier;
    this.devices = devices;
    this.storage = storage;
    this.clock = clock;
  }

  public IngestResult ingest(byte[] body, String egress) {
    long start = System.nanoTime();
    VerificationResult result = verifier.verify(body, devices);
    metrics.observe("verify", System.nanoTime() - start);
    if (result instanceof VerificationResult.Refused r) {
      return new IngestResult.Refused(r.reason(), r.message());
    }
    VerificationResult.Verified v = (VerificationResult.Verified) result;
    Report report = v.report();
    Instant receivedAt = clock.instant();
    DeviceObservation observation = Observations.of(v.device().deviceId(), report, egress, receivedAt, site);
    IncomingReport incoming = toStore(report, v.payload(), egress, receivedAt, observation, history);
    long sequence = report.device().sequence();
    long storeStart = System.nanoTime();
    AcceptOutcome outcome = storage.accept(incoming);
    metrics.observe("db_accept", System.nanoTime() - storeStart);
    switch (outcome) {
      case REPLAYED:
        return refused(ErrorCode.REPLAYED, "sequence " + sequence + " was already accepted");
      case DEVICE_UNAVAILABLE:
        devices.forget(v.device().deviceId());
        return refused(ErrorCode.REVOKED_DEVICE, "device was revoked");
      default:
        devices.accepted(v.device().deviceId(), sequence);
        return new IngestResult.Accepted(v.device().deviceId(), sequence, report, observation);
    }
  }

  /**
   * What storage keeps of a verified report: its payload, the device's new summary and
   * observation, and its input minutes within {@code history} as activity days.
   */
  public static IncomingReport toStore(Report report, byte[] payload, String egress, Instant receivedAt,
      DeviceObservation observation, Duration history) {
    String deviceId = observation.deviceId();
    String summary;
    String observationJson;
    try {
      summary = ProtocolJson.mapper().writeValueAsString(MachineSummary.of(report));
      observationJson = ProtocolJson.mapper().writeValueAsString(observation);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary records always serialize", e);
    }
    return new IncomingReport(deviceId, report.device().sequence(), receivedAt, report.device().collectedAt(), egress,
        payload, report.device().hostname(), report.device().agentVersion(), summary, observationJson,
        observation.fingerprint(), ActivityDays.of(deviceId, report.input(), receivedAt, receivedAt.minus(history)));
  }

  private static IngestResult.Refused refused(ErrorCode r, String message) {
    return new IngestResult.Refused(r, message);
  }
}
