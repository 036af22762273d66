package io.farmwatch.collector.store;

import java.util.Map;

/** How many alerts match a query, in all and by kind, severity and status (absent names count 0). */
public record AlertCounts(long total, Map<String, Long> byKind, Map<String, Long> bySeverity,
    Map<String, Long> byStatus) {}
