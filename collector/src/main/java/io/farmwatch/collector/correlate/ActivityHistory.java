package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDay;
import java.util.List;

/**
 * Where the engine reads each device's per-minute activity history (written at ingest, kept for the
 * retention period). The engine asks only for the devices it needs: members of clusters, devices
 * under remote control, and one device a day for the working-hours check.
 */
public interface ActivityHistory {

  /** No history: activity analysis finds nothing to say, as with a collector that keeps none. */
  ActivityHistory NONE = (deviceId, fromEpochDay, toEpochDay) -> List.of();

  /** The device's days from {@code fromEpochDay} to {@code toEpochDay}, both included, in any order. */
  List<ActivityDay> days(String deviceId, long fromEpochDay, long toEpochDay);
}
