package io.farmwatch.collector.ingest;

import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.protocol.report.Report;

/** The outcome of one report upload. */
public sealed interface IngestResult {

  /** Stored durably. */
  record Accepted(String deviceId, long sequence, Report report, DeviceObservation observation)
      implements IngestResult {}

  /** Refused; nothing stored. */
  record Refused(int status, String code, String message) implements IngestResult {}
}
