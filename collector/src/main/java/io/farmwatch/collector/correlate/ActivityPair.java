package io.farmwatch.collector.correlate;

import java.util.Locale;

/**
 * One person can drive only one laptop at a time. Two devices busy in the same blocks of the same
 * days share active minutes about as often as chance predicts when two people sit at them, and
 * almost never when one operator switches between them. docs/correlation.md gives the figures
 * behind the thresholds.
 *
 * @param days days on which both devices were active in at least one common block
 * @param minutesA active minutes of the first device on those days
 * @param minutesB active minutes of the second device on those days
 * @param shared minutes active on both
 * @param expected minutes both would share by chance: for each block both were active in, the
 *     product of their active minutes over the block's length
 * @param run mean length of a bout of active minutes of the two, how many minutes move together
 */
record ActivityPair(String deviceA, String deviceB, int days, int minutesA, int minutesB, int shared,
    double expected, double run) {

  /** Days both were busy at once; fewer cannot tell a habit from a one-off. */
  static final int MIN_DAYS = 3;
  /** Shared minutes chance predicts below which overlap says nothing either way. */
  static final double MIN_EXPECTED = 60;
  /** Shared over expected at or below this may be one operator... */
  static final double INTERLEAVED_AT_MOST = 0.5;
  /**
   * ...when two independent people would share so few minutes with at most this probability:
   * Poisson over bouts rather than minutes (expected and shared divided by the mean bout length),
   * one false link in a million pairs compared.
   */
  static final double CHANCE_AT_MOST = 1e-6;
  /** Shared over expected at or above this: separate people. */
  static final double OVERLAPPING_AT_LEAST = 0.75;

  /** What the pair's activity says. */
  enum Verdict { INTERLEAVED, OVERLAPPING, UNDECIDED, TOO_LITTLE }

  static ActivityPair compare(ActivityProfile a, ActivityProfile b) {
    if (a.firstDay() != b.firstDay() || a.windowDays() != b.windowDays()) {
      throw new IllegalArgumentException("profiles of different windows");
    }
    int days = 0;
    int minutesA = 0;
    int minutesB = 0;
    int shared = 0;
    long products = 0;
    for (int i = 0; i < a.windowDays(); i++) {
      long both = a.blockMask(i) & b.blockMask(i);
      if (both == 0) {
        continue;
      }
      days++;
      minutesA += a.dayCount(i);
      minutesB += b.dayCount(i);
      shared += a.sharedWith(b, i, both);
      for (long m = both; m != 0; m &= m - 1) {
        int block = Long.numberOfTrailingZeros(m);
        products += a.blockCount(i, block) * b.blockCount(i, block);
      }
    }
    return new ActivityPair(a.deviceId(), b.deviceId(), days, minutesA, minutesB, shared,
        (double) products / ActivityProfile.BLOCK_MINUTES, Math.max(1, (a.meanRun() + b.meanRun()) / 2));
  }

  /**
   * Whether the two were busy in enough common blocks to be worth comparing minute by minute: a
   * cheap test (one AND per day) that skips devices whose hours never meet.
   */
  static boolean meet(ActivityProfile a, ActivityProfile b) {
    int days = 0;
    for (int i = 0; i < a.windowDays() && days < MIN_DAYS; i++) {
      days += (a.blockMask(i) & b.blockMask(i)) != 0 ? 1 : 0;
    }
    return days >= MIN_DAYS;
  }

  /** Shared minutes over expected ones; meaningful only when {@link #verdict} is not TOO_LITTLE. */
  double ratio() {
    return expected == 0 ? 0 : shared / expected;
  }

  Verdict verdict() {
    return days < MIN_DAYS ? Verdict.TOO_LITTLE : verdict(shared, expected, run);
  }

  /** The verdict on {@code shared} minutes where chance predicts {@code expected}, bouts {@code run} long. */
  static Verdict verdict(int shared, double expected, double run) {
    if (shared <= INTERLEAVED_AT_MOST * expected
        && chance((int) Math.floor(shared / run), expected / run) <= CHANCE_AT_MOST) {
      return Verdict.INTERLEAVED;
    }
    if (expected < MIN_EXPECTED) {
      return Verdict.TOO_LITTLE;
    }
    return shared >= OVERLAPPING_AT_LEAST * expected ? Verdict.OVERLAPPING : Verdict.UNDECIDED;
  }

  /** P(X <= shared) for X Poisson with mean {@code expected}, summed in logs (the terms underflow). */
  static double chance(int shared, double expected) {
    if (expected <= 0) {
      return 1;
    }
    double logTerm = -expected;
    double logSum = logTerm;
    for (int k = 1; k <= shared; k++) {
      logTerm += Math.log(expected / k);
      logSum = Math.max(logSum, logTerm) + Math.log1p(Math.exp(-Math.abs(logSum - logTerm)));
    }
    return Math.exp(logSum);
  }

  /** The evidence in plain words, e.g. "over 9 days, 1,204 and 987 active minutes, 3 in common (...)". */
  String describe() {
    return String.format(Locale.ROOT,
        "%s and %s: over %d days both were busy, %,d and %,d active minutes, %,d in common where chance"
            + " predicts %,.0f in the 32-minute spans both were busy in (ratio %.2f)",
        deviceA, deviceB, days, minutesA, minutesB, shared, expected, ratio());
  }
}
