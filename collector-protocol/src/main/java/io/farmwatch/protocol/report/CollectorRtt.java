package io.farmwatch.protocol.report;

/**
 * Round trips from the agent to the collector, measured on the connection a report already uses
 * (its TCP handshake and one small request), never on extra connections or to any other host.
 *
 * @param minMicros the smallest round trip of the cycle, in microseconds
 * @param medianMicros the median round trip of the cycle, in microseconds
 * @param samples how many round trips the cycle measured
 */
public record CollectorRtt(int minMicros, int medianMicros, int samples) {}
