package io.farmwatch.agent.runtime.transport;

import io.farmwatch.protocol.ErrorCode;
import java.time.Duration;

/** What the collector made of one envelope. */
public sealed interface DeliveryOutcome {

  /** Stored by the collector (202). */
  record Accepted(long sequence) implements DeliveryOutcome {}

  /**
   * The collector holds this sequence or a later one (409 replayed). Delivered, if an earlier
   * attempt got through but its answer was lost; otherwise the collector refuses a fresh report
   * (the device's counter is behind the collector's), which the courier must surface.
   */
  record Replayed(String message) implements DeliveryOutcome {}

  /** This report will never be accepted (400, 413, 422...): sending it again is pointless. */
  record ReportRefused(int status, String code, String message) implements DeliveryOutcome {}

  /**
   * The collector refuses the device itself (401, 403): no report will get through until the
   * device is enrolled again.
   */
  record DeviceRefused(int status, String code, String message) implements DeliveryOutcome {
    public boolean revoked() {
      return ErrorCode.REVOKED_DEVICE.code().equals(code);
    }
  }

  /**
   * Not delivered for a reason that may pass (no network, timeout, 5xx, 429): try later.
   *
   * @param retryAfter the collector's Retry-After, or null when it gave none
   */
  record Unreachable(String reason, Duration retryAfter) implements DeliveryOutcome {}
}
