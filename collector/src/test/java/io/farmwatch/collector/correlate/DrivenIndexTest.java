package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DrivenIndexTest {

  @Test
  void pairsExactlyTheDevicesWhoseDrivenBlocksMeetOnThreeDays() {
    SplittableRandom r = new SplittableRandom(3);
    List<long[]> driven = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long[] days = new long[14];
      for (int d = 0; d < days.length; d++) {
        // Sparse: a few blocks on a few days, so some pairs meet on 3 days and most do not.
        if (r.nextInt(2) == 0) {
          days[d] = 1L << r.nextInt(ActivityProfile.BLOCKS) | 1L << r.nextInt(ActivityProfile.BLOCKS);
        }
      }
      driven.add(days);
    }
    DrivenIndex index = new DrivenIndex(driven);
    int pairs = 0;
    for (int i = 0; i < driven.size(); i++) {
      List<Integer> expected = new ArrayList<>();
      for (int j = i + 1; j < driven.size(); j++) {
        int days = 0;
        for (int d = 0; d < 14; d++) {
          days += (driven.get(i)[d] & driven.get(j)[d]) != 0 ? 1 : 0;
        }
        if (days >= ActivityPair.MIN_DAYS) {
          expected.add(j);
        }
      }
      assertThat(index.partners(i, Long.MAX_VALUE)).as("partners of %d", i)
          .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
      pairs += expected.size();
    }
    assertThat(pairs).as("the sample has pairs to find").isGreaterThan(20);
  }

  @Test
  void stopsAtTheProbeBound() {
    List<long[]> driven = new ArrayList<>();
    long allDay = (1L << ActivityProfile.BLOCKS) - 1;
    for (int i = 0; i < 100; i++) {
      driven.add(new long[] {allDay, allDay, allDay});
    }
    DrivenIndex index = new DrivenIndex(driven);
    assertThat(index.partners(0, Long.MAX_VALUE)).hasSize(99);
    long afterFirst = index.probes();
    assertThat(afterFirst).isEqualTo(99L * 3 * ActivityProfile.BLOCKS);
    // A bound below one device's walk: the walk stops at the day it crossed it.
    assertThat(index.partners(1, afterFirst + 10)).isEmpty();
    assertThat(index.probes()).isLessThanOrEqualTo(afterFirst + 98L * ActivityProfile.BLOCKS);
  }
}
