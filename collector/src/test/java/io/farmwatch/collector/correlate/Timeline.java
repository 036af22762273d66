package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.activity.DayMinutes;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's minutes over a run of days, as its agent would see them: which had input, which had
 * a remote session open, which had injected input. Turns into history rows either directly or
 * through the reports an agent sends every five minutes (each carrying the last six minutes), which
 * give the same rows: the test of that is the shape's proof.
 */
public final class Timeline {

  public final long firstDay;
  public final int days;
  public final BitSet active = new BitSet();
  public final BitSet remote = new BitSet();
  public final BitSet injected = new BitSet();

  public Timeline(long firstDay, int days) {
    this.firstDay = firstDay;
    this.days = days;
  }

  int minutes() {
    return days * DayMinutes.MINUTES;
  }

  /** The rows ingest would hold after every report: one per day with any mark. */
  public List<ActivityDay> days(String deviceId) {
    List<ActivityDay> out = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      int from = d * DayMinutes.MINUTES;
      int to = from + DayMinutes.MINUTES;
      if (active.get(from, to).isEmpty() && remote.get(from, to).isEmpty() && injected.get(from, to).isEmpty()) {
        continue;
      }
      out.add(new ActivityDay(deviceId, firstDay + d, day(active, from), day(remote, from), day(injected, from)));
    }
    return out;
  }

  private static DayMinutes day(BitSet bits, int from) {
    return DayMinutes.fromBytes(Arrays.copyOf(bits.get(from, from + DayMinutes.MINUTES).toByteArray(),
        DayMinutes.BYTES));
  }

  /**
   * The rows built from what the agent sends: a report every {@code interval} minutes carrying the
   * last {@code interval + 1} minutes, each minute's counts as the sampler would give them.
   */
  public List<ActivityDay> throughReports(String deviceId, int interval) {
    Map<Long, ActivityDay> merged = new LinkedHashMap<>();
    long start = firstDay * DayMinutes.MINUTES;
    for (int end = interval; end <= minutes(); end += interval) {
      int from = Math.max(0, end - interval - 1);
      List<InputMinute> series = new ArrayList<>();
      for (int m = from; m < end; m++) {
        boolean a = active.get(m);
        series.add(new InputMinute(a ? 20 : 0, a ? 30 : 0, a ? 40 : 0, injected.get(m) ? 5 : 0, remote.get(m)));
      }
      InputActivity input = new InputActivity("x11-xinput2", Instant.ofEpochSecond((start + from) * 60), series, null);
      Instant received = Instant.ofEpochSecond((start + end) * 60);
      for (ActivityDay row : ActivityDays.of(deviceId, input, received, received.minus(Duration.ofDays(365)))) {
        merged.merge(row.epochDay(), row, ActivityDay::merge);
      }
    }
    return List.copyOf(merged.values());
  }
}
