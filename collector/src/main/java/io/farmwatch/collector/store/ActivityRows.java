package io.farmwatch.collector.store;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.DayMinutes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code device_activity} table: a device's history as one row per UTC day. Rows are merged
 * read-modify-write inside the report writer's transaction; on PostgreSQL the report's compare-and-set
 * on its device row has already locked that device, so two collectors never merge one row at once.
 */
final class ActivityRows {

  private ActivityRows() {}

  private record Key(String deviceId, long epochDay) {}

  /**
   * Merges a batch's days into their stored rows (each row the union of every report's marks). Days
   * of one device and date are united first, so each row is read and written once a batch, by two
   * statements prepared once a batch: preparing them for every report cost the writer more than
   * running them.
   */
  static void merge(Connection c, List<ActivityDay> days) throws SQLException {
    if (days.isEmpty()) {
      return;
    }
    Map<Key, ActivityDay> united = new LinkedHashMap<>();
    for (ActivityDay day : days) {
      united.merge(new Key(day.deviceId(), day.epochDay()), day, ActivityDay::merge);
    }
    try (PreparedStatement read = c.prepareStatement(
            "SELECT active, remote, injected FROM device_activity WHERE device_id = ? AND epoch_day = ?");
        PreparedStatement write = c.prepareStatement(
            "INSERT INTO device_activity(device_id, epoch_day, active, remote, injected) VALUES (?,?,?,?,?)"
                + " ON CONFLICT (device_id, epoch_day) DO UPDATE SET active = excluded.active,"
                + " remote = excluded.remote, injected = excluded.injected")) {
      for (ActivityDay day : united.values()) {
        ActivityDay merged = day;
        read.setString(1, day.deviceId());
        read.setLong(2, day.epochDay());
        try (ResultSet rs = read.executeQuery()) {
          if (rs.next()) {
            merged = day.merge(row(day.deviceId(), day.epochDay(), rs));
          }
        }
        write.setString(1, merged.deviceId());
        write.setLong(2, merged.epochDay());
        write.setBytes(3, merged.active().toBytes());
        write.setBytes(4, merged.remote().toBytes());
        write.setBytes(5, merged.injected().toBytes());
        write.addBatch();
      }
      write.executeBatch();
    }
  }

  static List<ActivityDay> read(Connection c, String deviceId, long fromDay, long toDay) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT epoch_day, active, remote, injected FROM device_activity"
        + " WHERE device_id = ? AND epoch_day >= ? AND epoch_day <= ? ORDER BY epoch_day")) {
      s.setString(1, deviceId);
      s.setLong(2, fromDay);
      s.setLong(3, toDay);
      try (ResultSet rs = s.executeQuery()) {
        List<ActivityDay> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new ActivityDay(deviceId, rs.getLong(1), minutes(rs, 2), minutes(rs, 3), minutes(rs, 4)));
        }
        return out;
      }
    }
  }

  private static ActivityDay row(String deviceId, long day, ResultSet rs) throws SQLException {
    return new ActivityDay(deviceId, day, minutes(rs, 1), minutes(rs, 2), minutes(rs, 3));
  }

  /** A blob of the wrong size (written by hand, or damaged) reads as an empty day rather than failing ingest. */
  private static DayMinutes minutes(ResultSet rs, int column) throws SQLException {
    byte[] bytes = rs.getBytes(column);
    return bytes != null && bytes.length == DayMinutes.BYTES ? DayMinutes.fromBytes(bytes) : DayMinutes.EMPTY;
  }
}
