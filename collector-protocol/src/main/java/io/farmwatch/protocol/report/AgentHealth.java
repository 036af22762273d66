package io.farmwatch.protocol.report;

/**
 * The agent's own state, so the collector can tell lost reports from a quiet machine.
 *
 * @param droppedReports reports dropped from the offline spool because it was full, since the last
 *     accepted report
 * @param spooledReports reports waiting in the spool when this one was signed
 */
public record AgentHealth(long droppedReports, int spooledReports) {}
