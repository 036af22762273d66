package io.farmwatch.agent.runtime.schedule;

import io.farmwatch.agent.runtime.transport.DeliveryOutcome;

/**
 * How one pass over the spool ended.
 *
 * @param delivered reports acknowledged in this pass (accepted or already held)
 * @param rejected reports the collector refused for good and that were discarded
 * @param blockedBy the outcome that stopped the pass early ({@link DeliveryOutcome.Unreachable} or
 *     {@link DeliveryOutcome.DeviceRefused}), or null when the spool was emptied
 */
public record DrainResult(int delivered, int rejected, DeliveryOutcome blockedBy) {

  public boolean unreachable() {
    return blockedBy instanceof DeliveryOutcome.Unreachable;
  }

  public boolean deviceRejected() {
    return blockedBy instanceof DeliveryOutcome.DeviceRefused;
  }
}
