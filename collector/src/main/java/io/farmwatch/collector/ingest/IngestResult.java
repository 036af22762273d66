package io.farmwatch.collector.ingest;

import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.report.Report;

/** The outcome of one report upload. */
public sealed interface IngestResult {

  /** Stored durably. */
  record Accepted(String deviceId, long sequence, Report report, DeviceObservation observation)
      implements IngestResult {}

  /** Refused; nothing stored. */
  record Refused(ErrorCode error, String message) implements IngestResult {

    public String code() {
      return error.code();
    }
  }
}
