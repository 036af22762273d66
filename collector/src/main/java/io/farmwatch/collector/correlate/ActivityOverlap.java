package io.farmwatch.collector.correlate;

/**
 * One person can drive only one laptop at a time. Two machines both busy in the same minutes are
 * two people; machines whose busy minutes interleave, rarely overlapping, look like one operator
 * switching between them.
 */
final class ActivityOverlap {

  /** Below this many active minutes a series says nothing either way. */
  static final int MIN_ACTIVE_MINUTES = 20;

  private ActivityOverlap() {}

  /** Shared active minutes over the smaller series' active minutes; -1 when not measurable. */
  static double ratio(long[] a, long[] b) {
    if (a.length < MIN_ACTIVE_MINUTES || b.length < MIN_ACTIVE_MINUTES) {
      return -1;
    }
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        shared++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) shared / Math.min(a.length, b.length);
  }
}
