package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.DayMinutes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a device's active minutes fall at night where its employee claims to live, while they fit
 * an ordinary working day at some other UTC offset: someone elsewhere working the claimed
 * employee's laptop in their own daytime. docs/correlation.md gives the figures behind the
 * thresholds.
 *
 * @param nightShare share of active minutes between 20:00 and 07:00 in the claimed zone
 * @param minutes active minutes in the window
 * @param days days with any activity
 * @param fitOffsetMinutes the UTC offset at which the most activity falls between 09:00 and 18:00
 * @param fitShare the share that falls there
 */
record WorkingHours(String zone, double nightShare, int minutes, int days, int fitOffsetMinutes, double fitShare) {

  /** Fewer active days or minutes are too short a history to judge a schedule. */
  static final int MIN_DAYS = 5;
  static final int MIN_MINUTES = 300;
  /** "Most activity at night": at least this share between 20:00 and 07:00 local. */
  static final double NIGHT_SHARE_AT_LEAST = 0.5;
  /** "Fits a working day elsewhere": at least this share between 09:00 and 18:00 at the best offset. */
  static final double FIT_AT_LEAST = 0.7;
  private static final int NIGHT_FROM = 20 * 60;
  private static final int NIGHT_TO = 7 * 60;
  private static final int DAY_FROM = 9 * 60;
  private static final int DAY_TO = 18 * 60;
  /** Offsets tried, in minutes: UTC-12 to UTC+14 in half hours. */
  private static final int OFFSET_STEP = 30;

  /** The finding when the profile shows night work in {@code claimedZone}, else empty. */
  static Optional<WorkingHours> check(ActivityProfile profile, String claimedZone) {
    return measure(profile, claimedZone).filter(WorkingHours::offHours);
  }

  /** Night work in the claimed zone that fits a working day at another offset. */
  boolean offHours() {
    return nightShare >= NIGHT_SHARE_AT_LEAST && fitShare >= FIT_AT_LEAST;
  }

  /** The profile's hours against the claimed zone; empty when the history is too short or the zone unknown. */
  static Optional<WorkingHours> measure(ActivityProfile profile, String claimedZone) {
    if (claimedZone == null || profile.days() < MIN_DAYS || profile.total() < MIN_MINUTES) {
      return Optional.empty();
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(claimedZone);
    } catch (RuntimeException e) {
      return Optional.empty(); // an unknown zone proves nothing
    }
    int[] utc = new int[DayMinutes.MINUTES];
    int night = 0;
    for (int i = 0; i < profile.windowDays(); i++) {
      if (profile.dayCount(i) == 0) {
        continue;
      }
      long noon = (profile.firstDay() + i) * 86_400 + 43_200;
      int offset = zone.getRules().getOffset(Instant.ofEpochSecond(noon)).getTotalSeconds() / 60;
      int[] nightMinutes = {0};
      profile.forEachMinute(i, m -> {
        utc[m]++;
        nightMinutes[0] += inNight(Math.floorMod(m + offset, DayMinutes.MINUTES)) ? 1 : 0;
      });
      night += nightMinutes[0];
    }
    double nightShare = (double) night / profile.total();
    // Minutes between 09:00 and 18:00 at each offset: a window sum over the day's counts, taken
    // around midnight from prefix sums of the counts laid twice end to end.
    int[] prefix = new int[2 * DayMinutes.MINUTES + 1];
    for (int m = 0; m < 2 * DayMinutes.MINUTES; m++) {
      prefix[m + 1] = prefix[m] + utc[m % DayMinutes.MINUTES];
    }
    int bestOffset = 0;
    int best = -1;
    for (int offset = -12 * 60; offset <= 14 * 60; offset += OFFSET_STEP) {
      int from = Math.floorMod(DAY_FROM - offset, DayMinutes.MINUTES);
      int inDay = prefix[from + DAY_TO - DAY_FROM] - prefix[from];
      if (inDay > best) {
        best = inDay;
        bestOffset = offset;
      }
    }
    return Optional.of(new WorkingHours(claimedZone, nightShare, profile.total(), profile.days(), bestOffset,
        (double) best / profile.total()));
  }

  private static boolean inNight(int localMinute) {
    return localMinute >= NIGHT_FROM || localMinute < NIGHT_TO;
  }

  /** "UTC+9", "UTC-3:30", "UTC". */
  static String offsetName(int minutes) {
    if (minutes == 0) {
      return "UTC";
    }
    String sign = minutes < 0 ? "-" : "+";
    int abs = Math.abs(minutes);
    return "UTC" + sign + (abs / 60) + (abs % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", abs % 60));
  }

  /** "78 % of 2,140 active minutes over 9 days fell between 20:00 and 07:00 America/Chicago; ...". */
  String describe() {
    return String.format(Locale.ROOT,
        "%.0f %% of %,d active minutes over %d days fell between 20:00 and 07:00 %s; %.0f %% fit 09:00-18:00 at %s",
        nightShare * 100, minutes, days, zone, fitShare * 100, offsetName(fitOffsetMinutes));
  }
}
