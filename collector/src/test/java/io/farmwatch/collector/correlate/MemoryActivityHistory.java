package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDay;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Activity history in memory, merged as ingest merges each report's rows. */
public final class MemoryActivityHistory implements ActivityHistory {

  private final Map<String, Map<Long, ActivityDay>> days = new HashMap<>();

  public MemoryActivityHistory add(List<ActivityDay> rows) {
    for (ActivityDay row : rows) {
      days.computeIfAbsent(row.deviceId(), d -> new TreeMap<>()).merge(row.epochDay(), row, ActivityDay::merge);
    }
    return this;
  }

  @Override
  public List<ActivityDay> days(String deviceId, long fromEpochDay, long toEpochDay) {
    Map<Long, ActivityDay> rows = days.get(deviceId);
    return rows == null ? List.of() : ((TreeMap<Long, ActivityDay>) rows).subMap(fromEpochDay, true, toEpochDay, true)
        .values().stream().toList();
  }
}
