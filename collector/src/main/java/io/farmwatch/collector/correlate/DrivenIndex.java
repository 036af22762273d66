package io.farmwatch.collector.correlate;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * From each day's 32-minute block to the devices driven from elsewhere in it, so the devices whose
 * driven blocks meet on enough days are found by walking a few lists (a join) instead of testing
 * every pair. Devices are numbered by their position in the list given.
 */
final class DrivenIndex {

  private final List<long[]> driven;
  private final int days;
  /** Devices driven in block b of day d, ascending, at d * BLOCKS + b. */
  private final int[][] holders;
  /** Per device, the last (device, day) that counted it, so a day counts once however many blocks meet. */
  private final int[] stamp;
  private final int[] meetings;
  private final int[] touched;
  private long probes;

  /** @param driven per device, one block mask a day, every device over the same days */
  DrivenIndex(List<long[]> driven) {
    this.driven = driven;
    this.days = driven.isEmpty() ? 0 : driven.get(0).length;
    int[] sizes = new int[days * ActivityProfile.BLOCKS];
    for (long[] masks : driven) {
      forEachKey(masks, key -> sizes[key]++);
    }
    holders = new int[sizes.length][];
    for (int key = 0; key < sizes.length; key++) {
      holders[key] = new int[sizes[key]];
    }
    int[] filled = new int[sizes.length];
    for (int i = 0; i < driven.size(); i++) {
      int device = i;
      forEachKey(driven.get(i), key -> holders[key][filled[key]++] = device);
    }
    stamp = new int[driven.size()];
    meetings = new int[driven.size()];
    touched = new int[driven.size()];
  }

  /**
   * The devices after {@code i} driven in a block of {@code i}'s on at least {@link ActivityPair#MIN_DAYS}
   * days; stops early, returning what it found, once {@link #probes} reaches {@code maxProbes}.
   */
  int[] partners(int i, long maxProbes) {
    int count = 0;
    long[] masks = driven.get(i);
    for (int d = 0; d < days && probes < maxProbes; d++) {
      int dayStamp = i * days + d + 1;
      for (long m = masks[d]; m != 0; m &= m - 1) {
        int[] list = holders[d * ActivityProfile.BLOCKS + Long.numberOfTrailingZeros(m)];
        // Lists ascend, so the devices after i are the tail.
        for (int k = list.length - 1; k >= 0 && list[k] > i; k--) {
          int j = list[k];
          probes++;
          if (stamp[j] != dayStamp) {
            stamp[j] = dayStamp;
            if (meetings[j]++ == 0) {
              touched[count++] = j;
            }
          }
        }
      }
    }
    int[] out = new int[count];
    int found = 0;
    for (int t = 0; t < count; t++) {
      int j = touched[t];
      if (meetings[j] >= ActivityPair.MIN_DAYS) {
        out[found++] = j;
      }
      meetings[j] = 0;
    }
    Arrays.sort(out, 0, found);
    return Arrays.copyOf(out, found);
  }

  /** Index entries visited so far. */
  long probes() {
    return probes;
  }

  private static void forEachKey(long[] masks, IntConsumer action) {
    for (int d = 0; d < masks.length; d++) {
      for (long m = masks[d]; m != 0; m &= m - 1) {
        action.accept(d * ActivityProfile.BLOCKS + Long.numberOfTrailingZeros(m));
      }
    }
  }
}
