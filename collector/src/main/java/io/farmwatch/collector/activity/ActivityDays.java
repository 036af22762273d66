package io.farmwatch.collector.activity;

import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The marks one report's per-minute input series adds to its device's history. */
public final class ActivityDays {

  private ActivityDays() {}

  /**
   * The report's minutes as day rows: a minute is active when it had any input, remote when a
   * remote-access session was open, injected when any event was synthetic. A series crossing
   * midnight UTC gives two rows; merging every report's rows with {@link ActivityDay#merge} gives the
   * day's history.
   */
  public static List<ActivityDay> of(String deviceId, InputActivity input) {
    if (input == null || input.seriesStart() == null || input.minutes() == null) {
      return List.of();
    }
    long start = Math.floorDiv(input.seriesStart().getEpochSecond(), 60);
    Map<Long, int[][]> marks = new TreeMap<>();
    Map<Long, int[]> counts = new TreeMap<>();
    List<InputMinute> minutes = input.minutes();
    for (int i = 0; i < minutes.size(); i++) {
      InputMinute m = minutes.get(i);
      if (m == null) {
        continue;
      }
      long epochMinute = start + i;
      long day = Math.floorDiv(epochMinute, DayMinutes.MINUTES);
      int minute = (int) Math.floorMod(epochMinute, DayMinutes.MINUTES);
      int[][] day3 = marks.computeIfAbsent(day, d -> new int[3][minutes.size()]);
      int[] n = counts.computeIfAbsent(day, d -> new int[3]);
      if (m.activeSeconds() > 0) {
        day3[0][n[0]++] = minute;
      }
      if (m.remoteSession()) {
        day3[1][n[1]++] = minute;
      }
      if (m.syntheticEvents() > 0) {
        day3[2][n[2]++] = minute;
      }
    }
    List<ActivityDay> out = new ArrayList<>();
    marks.forEach((day, m) -> {
      int[] n = counts.get(day);
      out.add(new ActivityDay(deviceId, day, DayMinutes.of(Arrays.copyOf(m[0], n[0])),
          DayMinutes.of(Arrays.copyOf(m[1], n[1])), DayMinutes.of(Arrays.copyOf(m[2], n[2]))));
    });
    return out;
  }

  /** The UTC day an instant falls in. */
  public static long epochDay(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 86_400);
  }
}
