package io.farmwatch.collector.e2e;

import io.farmwatch.collector.activity.DayMinutes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The {@code device_activity} table the durable-correlation schema (V3) brings, created here in a
 * collector's SQLite file until that migration is on this branch, and filled with 14 days of one
 * operator taking turns on several laptops.
 */
public final class ActivityTable {

  private ActivityTable() {}

  /** Working hours 09:00-17:00 UTC, the devices taking 20-minute turns, on each of the last {@code days}. */
  public static void interleave(Path db, List<String> devices, int days) throws Exception {
    long today = LocalDate.now(ZoneOffset.UTC).toEpochDay();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      c.createStatement().execute("PRAGMA busy_timeout = 10000");
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO device_activity VALUES (?,?,?,?,?)")) {
        for (int d = 0; d < devices.size(); d++) {
          int turn = d;
          int[] minutes = IntStream.range(9 * 60, 17 * 60).filter(m -> (m / 20) % devices.size() == turn).toArray();
          byte[] active = DayMinutes.of(minutes).toBytes();
          byte[] none = DayMinutes.EMPTY.toBytes();
          for (long day = today - days + 1; day <= today; day++) {
            s.setString(1, devices.get(d));
            s.setLong(2, day);
            s.setBytes(3, active);
            s.setBytes(4, none);
            s.setBytes(5, none);
            s.executeUpdate();
          }
        }
      }
      c.commit();
    }
  }
}
