package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.DayMinutes;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One device's active minutes over the analysis window, with per-block counts precomputed so
 * comparing two devices costs a few hundred word operations whatever their activity.
 *
 * <p>A block is {@link #BLOCK_MINUTES} minutes (4 bytes of the stored day): long enough to hold
 * several of an operator's turns at each laptop, short enough that two people who merely work the
 * same day at different hours do not share it.
 */
final class ActivityProfile {

  static final int BLOCK_MINUTES = 32;
  static final int BLOCKS = DayMinutes.MINUTES / BLOCK_MINUTES;
  private static final int WORDS = DayMinutes.WORDS;

  private final String deviceId;
  private final long firstDay;
  private final int windowDays;
  // Flat arrays, day i at i * WORDS and i * BLOCKS: a full pass compares millions of pairs, and
  // walking two contiguous arrays is several times faster than chasing a day object per day.
  private final long[] words;
  private final byte[] blockCounts;
  private final long[] blockMasks;
  private final long[] drivenMasks;
  private final int[] dayCounts;
  private int total;
  private int days;
  private int runs;

  /**
   * Builds the profile of {@code deviceId} from whatever the history returned: rows of other
   * devices or outside the window are ignored, and two rows for one day are merged.
   */
  ActivityProfile(String deviceId, List<ActivityDay> rows, long firstDay, int windowDays) {
    this.deviceId = deviceId;
    this.firstDay = firstDay;
    this.windowDays = windowDays;
    this.words = new long[windowDays * WORDS];
    this.blockCounts = new byte[windowDays * BLOCKS];
    this.blockMasks = new long[windowDays];
    this.drivenMasks = new long[windowDays];
    this.dayCounts = new int[windowDays];
    long[] day = new long[WORDS];
    long[] scratch = new long[WORDS];
    for (ActivityDay row : rows) {
      long d = row.epochDay() - firstDay;
      if (row.deviceId().equals(deviceId) && d >= 0 && d < windowDays && row.active() != null) {
        row.active().copyWords(day, 0);
        for (int w = 0; w < WORDS; w++) {
          words[(int) d * WORDS + w] |= day[w];
        }
        drivenMasks[(int) d] |= drivenBlocks(row, day, scratch);
      }
    }
    for (int i = 0; i < windowDays; i++) {
      long carry = 0;
      long mask = 0;
      int n = 0;
      for (int w = 0; w < WORDS; w++) {
        long bits = words[i * WORDS + w];
        // A run starts at an active minute whose previous minute (across words too) was idle.
        runs += Long.bitCount(bits & ~((bits << 1) | carry));
        carry = bits >>> 63;
        for (int half = 0; half < 2; half++) {
          int c = Long.bitCount(half == 0 ? bits & 0xFFFF_FFFFL : bits >>> 32);
          int b = 2 * w + half;
          if (b < BLOCKS) {
            blockCounts[i * BLOCKS + b] = (byte) c;
            mask |= c > 0 ? 1L << b : 0;
            n += c;
          }
        }
      }
      blockMasks[i] = mask;
      dayCounts[i] = n;
      total += n;
      days += n > 0 ? 1 : 0;
    }
  }

  /** Blocks of the row's day with a remote session open or injected input. */
  private static long drivenBlocks(ActivityDay row, long[] remote, long[] injected) {
    if (row.remote() == null || row.injected() == null) {
      return 0;
    }
    row.remote().copyWords(remote, 0);
    row.injected().copyWords(injected, 0);
    long mask = 0;
    for (int w = 0; w < WORDS; w++) {
      long bits = remote[w] | injected[w];
      for (int half = 0; half < 2 && 2 * w + half < BLOCKS; half++) {
        if ((half == 0 ? bits & 0xFFFF_FFFFL : bits >>> 32) != 0) {
          mask |= 1L << (2 * w + half);
        }
      }
    }
    return mask;
  }

  String deviceId() {
    return deviceId;
  }

  long firstDay() {
    return firstDay;
  }

  int windowDays() {
    return windowDays;
  }

  /** Active minutes over the window. */
  int total() {
    return total;
  }

  /** Days with any active minute. */
  int days() {
    return days;
  }

  /**
   * Mean length of a run of consecutive active minutes: input comes in bouts, so minutes are not
   * independent, and a test counting them as such would be that many times too sure.
   */
  double meanRun() {
    return runs == 0 ? 1 : (double) total / runs;
  }

  /**
   * Minutes of day {@code i} active on both devices, where {@code blocks} holds every block both
   * were active in: a minute active on both lies in such a block, so only their words are read.
   */
  int sharedWith(ActivityProfile other, int i, long blocks) {
    int n = 0;
    for (long m = blocks; m != 0; ) {
      int w = Long.numberOfTrailingZeros(m) >>> 1;
      n += Long.bitCount(words[i * WORDS + w] & other.words[i * WORDS + w]);
      m &= ~(3L << (2 * w));
    }
    return n;
  }

  /** The active minutes of day {@code i} (0 to 1439), ascending, to {@code action}. */
  void forEachMinute(int i, IntConsumer action) {
    for (int w = 0; w < WORDS; w++) {
      for (long bits = words[i * WORDS + w]; bits != 0; bits &= bits - 1) {
        action.accept(w * 64 + Long.numberOfTrailingZeros(bits));
      }
    }
  }

  int dayCount(int i) {
    return dayCounts[i];
  }

  /** Bit {@code b} set when block {@code b} of day {@code i} had any active minute. */
  long blockMask(int i) {
    return blockMasks[i];
  }

  /**
   * Bit {@code b} set when block {@code b} of day {@code i} had a remote session open or injected
   * input: the minutes someone else (a person elsewhere, or software) drove the device.
   */
  long drivenMask(int i) {
    return drivenMasks[i];
  }

  int blockCount(int i, int block) {
    return blockCounts[i * BLOCKS + block];
  }
}
