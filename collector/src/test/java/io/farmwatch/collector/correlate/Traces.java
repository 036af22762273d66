package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.DayMinutes;
import java.util.SplittableRandom;

/**
 * Generated working days, minute by minute: people with a start, bouts of work, short breaks, lunch,
 * an occasional evening and mostly idle weekends; and operators who spend such a day switching
 * between several laptops, a few minutes at each, marking the minute of a switch on both laptops
 * half the time (a switch mid-minute).
 */
public final class Traces {

  /** A bout of work from minute {@code from} to {@code to} (window minutes, UTC). */
  private interface Bouts {
    void bout(int from, int to);
  }

  private Traces() {}

  /** A person working days at a UTC offset (minutes), active in about 80 % of the minutes of a bout. */
  public static Timeline person(SplittableRandom r, long firstDay, int days, int offsetMinutes) {
    Timeline t = new Timeline(firstDay, days);
    workdays(r, t, offsetMinutes, (from, to) -> {
      for (int m = from; m < to; m++) {
        if (r.nextInt(5) != 0) {
          t.active.set(m);
        }
      }
    });
    return t;
  }

  /**
   * Someone who works on their own laptop from another machine on some days (remote-access tool at
   * home, or IT support for a day): on each day with activity, with probability {@code share}, a
   * remote session is open from the day's first active minute to its last.
   */
  public static Timeline remoteOnSomeDays(SplittableRandom r, Timeline t, double share) {
    for (int d = 0; d < t.days; d++) {
      int from = t.active.nextSetBit(d * DayMinutes.MINUTES);
      if (from < 0 || from >= (d + 1) * DayMinutes.MINUTES) {
        continue;
      }
      if (r.nextDouble() < share) {
        int last = t.active.previousSetBit((d + 1) * DayMinutes.MINUTES - 1);
        t.remote.set(from, last + 1);
      }
    }
    return t;
  }

  /**
   * One operator's working days spread over {@code laptops} machines, a stint of 3 to 25 minutes at
   * a time; with {@code remote}, every stint's minutes are marked as a remote session open.
   */
  public static Timeline[] operator(SplittableRandom r, long firstDay, int days, int offsetMinutes, int laptops,
      boolean remote) {
    Timeline[] t = new Timeline[laptops];
    for (int i = 0; i < laptops; i++) {
      t[i] = new Timeline(firstDay, days);
    }
    int[] current = {r.nextInt(laptops)};
    workdays(r, t[0], offsetMinutes, (from, to) -> {
      int m = from;
      while (m < to) {
        int previous = current[0];
        current[0] = (previous + 1 + r.nextInt(laptops - 1)) % laptops;
        if (r.nextBoolean()) {
          t[previous].active.set(m); // switched mid-minute: both saw input in it
        }
        int end = Math.min(to, m + 3 + r.nextInt(23));
        for (; m < end; m++) {
          if (r.nextInt(100) < 85) {
            t[current[0]].active.set(m);
          }
          if (remote) {
            t[current[0]].remote.set(m);
          }
        }
      }
    });
    return t;
  }

  private static void workdays(SplittableRandom r, Timeline t, int offset, Bouts bouts) {
    for (int d = 0; d < t.days; d++) {
      int dayOfWeek = (int) Math.floorMod(t.firstDay + d + 3, 7);
      int local = d * DayMinutes.MINUTES;
      if (dayOfWeek >= 5 || r.nextInt(20) == 0) {
        if (r.nextInt(7) == 0) {
          int start = 10 * 60 + r.nextInt(10 * 60);
          emit(t, offset, local + start, local + start + 20 + r.nextInt(40), bouts);
        }
        continue;
      }
      int start = 8 * 60 + 30 + gauss(r, 30, 120);
      int end = start + 510 + gauss(r, 45, 120);
      int lunch = 12 * 60 + r.nextInt(90);
      int lunchEnd = lunch + 30 + r.nextInt(31);
      int m = start;
      while (m < end) {
        int boutEnd = Math.min(end, m + 15 + r.nextInt(76));
        if (m < lunch && boutEnd > lunch) {
          boutEnd = lunch;
        }
        emit(t, offset, local + m, local + boutEnd, bouts);
        m = boutEnd >= lunch && m < lunchEnd ? Math.max(boutEnd, lunchEnd) : boutEnd + 3 + r.nextInt(18);
      }
      if (r.nextInt(5) == 0) {
        int evening = 20 * 60 + r.nextInt(120);
        emit(t, offset, local + evening, local + evening + 20 + r.nextInt(41), bouts);
      }
    }
  }

  /** A local-time bout as UTC window minutes, cut to the window. */
  private static void emit(Timeline t, int offset, int localFrom, int localTo, Bouts bouts) {
    int from = Math.max(0, localFrom - offset);
    int to = Math.min(t.minutes(), localTo - offset);
    if (from < to) {
      bouts.bout(from, to);
    }
  }

  private static int gauss(SplittableRandom r, int sd, int clip) {
    double g = 0;
    for (int i = 0; i < 4; i++) {
      g += r.nextDouble() * 2 - 1; // sum of uniforms: close enough to normal, and no state
    }
    return (int) Math.max(-clip, Math.min(clip, g * sd * 0.87));
  }
}
