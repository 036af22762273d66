package io.farmwatch.agent.runtime.spool;

/**
 * The spool at one moment, for the status command.
 *
 * @param oldestSequence sequence of the oldest waiting report, or null when empty
 */
public record SpoolSnapshot(int depth, long bytes, long pendingDrops, long totalDrops, Long oldestSequence) {}
