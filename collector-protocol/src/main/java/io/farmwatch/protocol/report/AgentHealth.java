package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The agent's own state, so the collector can tell lost reports from a quiet machine.
 *
 * @param droppedReports reports dropped from the offline spool because it was full, since the
 *     previous report was signed; a dropped report's own count moves on to the next report, so the
 *     sum over a device's accepted reports is exactly the number of reports it lost
 * @param spooledReports reports waiting in the spool (not yet acknowledged) when this one was
 *     signed
 * @param collectorRtt round trips to the collector measured on the previous cycle's connection;
 *     absent when none was measured
 * @param policyVersion version of the central policy the agent runs; absent before it has one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentHealth(long droppedReports, int spooledReports, CollectorRtt collectorRtt, Long policyVersion) {

  /** Health with no round trip measured and no central policy. */
  public AgentHealth(long droppedReports, int spooledReports) {
    this(droppedReports, spooledReports, null, null);
  }
}
