package io.farmwatch.agent.runtime.transport;

/** What the collector made of one envelope. */
public sealed interface DeliveryOutcome {

  /** Stored by the collector (202). */
  record Accepted(long sequence) implements DeliveryOutcome {}

  /**
   * The collector already holds this sequence (409 replayed): an earlier attempt got through but
   * its answer was lost, e.g. the agent was killed before it removed the spool file.
   */
  record AlreadyDelivered(String message) implements DeliveryOutcome {}

  /** This report will never be accepted (400, 413, 422...): sending it again is pointless. */
  record ReportRejected(int status, String code, String message) implements DeliveryOutcome {}

  /**
   * The collector refuses the device itself (401, 403): no report will get through until the
   * device is enrolled again.
   */
  record DeviceRejected(int status, String code, String message) implements DeliveryOutcome {
    public boolean revoked() {
      return "revoked_device".equals(code);
    }
  }

  /** Not delivered for a reason that may pass (no network, timeout, 5xx, 429): try later. */
  record Unreachable(String reason) implements DeliveryOutcome {}
}
