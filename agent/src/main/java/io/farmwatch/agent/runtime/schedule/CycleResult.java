package io.farmwatch.agent.runtime.schedule;

/** How one collection cycle ended for the report it collected. */
public enum CycleResult {
  /** The collector acknowledged the new report (and everything spooled before it). */
  DELIVERED,
  /** The new report is safely on disk and will be sent later. */
  SPOOLED,
  /** The collector refused the new report for good; it was discarded. */
  REJECTED,
  /** The collector refuses this device; nothing more will be sent until it is enrolled again. */
  STOPPED
}
