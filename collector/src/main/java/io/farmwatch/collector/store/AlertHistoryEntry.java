package io.farmwatch.collector.store;

/** A stored {@link AlertChange}; entry IDs grow with time, so they order an alert's history. */
public record AlertHistoryEntry(long entryId, AlertChange change) {}
