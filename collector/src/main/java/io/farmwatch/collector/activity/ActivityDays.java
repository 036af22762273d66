package io.farmwatch.collector.activity;

import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a report's per-minute input series into the history's device-days. */
public final class ActivityDays {

  /** An agent's clock may run this far ahead of the collector's; later minutes are not believed. */
  static final Duration FUTURE_SLACK = Duration.ofMinutes(5);

  private ActivityDays() {}

  /**
   * The days the series touches, with their marks. Minutes older than {@code oldest} or later than
   * {@code receivedAt} plus a few minutes are dropped: the agent chooses {@code seriesStart}, and a
   * made-up date must not plant history years away. A series of only idle minutes gives nothing.
   */
  public static List<ActivityDay> of(String deviceId, InputActivity input, Instant receivedAt, Instant oldest) {
    if (input == null || input.seriesStart() == null || input.minutes() == null) {
      return List.of();
    }
    long first = Math.floorDiv(input.seriesStart().getEpochSecond(), 60);
    long min = Math.floorDiv(oldest.getEpochSecond(), 60);
    long max = Math.floorDiv(receivedAt.plus(FUTURE_SLACK).getEpochSecond(), 60);
    Map<Long, Marks> days = new TreeMap<>();
    List<InputMinute> minutes = input.minutes();
    for (int i = 0; i < minutes.size(); i++) {
      InputMinute m = minutes.get(i);
      long at = first + i;
      if (m == null || at < min || at > max) {
        continue;
      }
      boolean active = m.activeSeconds() > 0;
      boolean injected = m.syntheticEvents() > 0;
      if (!active && !injected && !m.remoteSession()) {
        continue;
      }
      Marks d = days.computeIfAbsent(Math.floorDiv(at, DayMinutes.MINUTES), k -> new Marks());
      int minute = (int) Math.floorMod(at, DayMinutes.MINUTES);
      if (active) {
        d.active.add(minute);
      }
      if (m.remoteSession()) {
        d.remote.add(minute);
      }
      if (injected) {
        d.injected.add(minute);
      }
    }
    List<ActivityDay> out = new ArrayList<>();
    days.forEach((day, marks) -> out.add(new ActivityDay(deviceId, day, marks.of(marks.active),
        marks.of(marks.remote), marks.of(marks.injected))));
    return out;
  }

  private static final class Marks {
    final List<Integer> active = new ArrayList<>();
    final List<Integer> remote = new ArrayList<>();
    final List<Integer> injected = new ArrayList<>();

    DayMinutes of(List<Integer> minutes) {
      return DayMinutes.of(minutes.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /** The UTC day an instant falls in. */
  public static long epochDay(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 86_400);
  }
}
