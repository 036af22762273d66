package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.DayMinutes;
import java.util.List;

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

  private final String deviceId;
  private final long firstDay;
  private final DayMinutes[] active;
  private final byte[][] blockCounts;
  private final long[] blockMasks;
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
    this.active = new DayMinutes[windowDays];
    this.blockCounts = new byte[windowDays][];
    this.blockMasks = new long[windowDays];
    this.dayCounts = new int[windowDays];
    for (ActivityDay row : rows) {
      long d = row.epochDay() - firstDay;
      if (row.deviceId().equals(deviceId) && d >= 0 && d < windowDays && row.active() != null) {
        int i = (int) d;
        active[i] = active[i] == null ? row.active() : active[i].or(row.active());
      }
    }
    for (int i = 0; i < windowDays; i++) {
      if (active[i] == null || active[i].isEmpty()) {
        active[i] = null;
        continue;
      }
      byte[] bytes = active[i].toBytes();
      int carry = 0;
      for (byte x : bytes) {
        int bits = x & 0xFF;
        runs += Integer.bitCount(bits & ~((bits << 1) | carry) & 0xFF);
        carry = bits >>> 7;
      }
      byte[] counts = new byte[BLOCKS];
      long mask = 0;
      int n = 0;
      for (int b = 0; b < BLOCKS; b++) {
        int c = 0;
        for (int k = b * 4; k < b * 4 + 4; k++) {
          c += Integer.bitCount(bytes[k] & 0xFF);
        }
        counts[b] = (byte) c;
        mask |= c > 0 ? 1L << b : 0;
        n += c;
      }
      blockCounts[i] = counts;
      blockMasks[i] = mask;
      dayCounts[i] = n;
      total += n;
      days++;
    }
  }

  String deviceId() {
    return deviceId;
  }

  long firstDay() {
    return firstDay;
  }

  int windowDays() {
    return active.length;
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

  /** The day's active minutes, or null when the device was not active that day. */
  DayMinutes day(int i) {
    return active[i];
  }

  int dayCount(int i) {
    return dayCounts[i];
  }

  /** Bit {@code b} set when block {@code b} of day {@code i} had any active minute. */
  long blockMask(int i) {
    return blockMasks[i];
  }

  int blockCount(int i, int block) {
    return blockCounts[i][block];
  }
}
