package io.farmwatch.protocol.report;

/**
 * The agent's own state, so the collector can tell lost reports from a quiet machine.
 *
 * @param droppedReports reports dropped from the offline spool because it was full, since the
 *     previous report was signed; a dropped report's own count moves on to the next report, so the
 *     sum over a device's accepted reports is exactly the number of reports it lost
 * @param spooledReports reports waiting in the spool (not yet acknowledged) when this one was
 *     signed
 */
public record AgentHealth(long droppedReports, int spooledReports) {}
