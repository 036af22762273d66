package io.farmwatch.collector.correlate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds devices one operator drives in turn though nothing on the network ties them: among devices
 * that can be driven from elsewhere, pairs whose activity interleaves. With many laptops each pair
 * holds little evidence alone, so pairs with a low ratio are joined into candidate groups first, and
 * a group stands only when all of its pairs together pass the interleaving test (a chain of chance
 * links among strangers then fails on the pairs that overlap). Only controlled devices are
 * candidates, at most {@link #MAX_CANDIDATES} of them, and two are compared only when the middle of
 * their activity lies within {@link #SPAN_BLOCKS} blocks of each other (one operator's laptops keep
 * the operator's hours), so the pass stays bounded whatever the fleet's size.
 */
final class SharedOperators {

  /** Findings that let someone elsewhere type on the device; a jiggler or a VM alone does not. */
  static final Set<Signal> OPERATOR_SIGNALS =
      EnumSet.of(Signal.REMOTE_ACCESS, Signal.REMOTE_SESSION, Signal.IP_KVM, Signal.SYNTHETIC_INPUT);
  /** Most controlled devices compared in one pass, the most recently seen first. */
  static final int MAX_CANDIDATES = 5_000;
  /**
   * Most pairs compared minute by minute in one pass (about a microsecond each): 5,000 controlled
   * devices all keeping one office's hours would otherwise cost 12.5 million.
   */
  static final long MAX_PAIRS = 4_000_000;
  /** Two devices are compared when their activity's middle blocks are at most this far apart (2 h 8 min). */
  static final int SPAN_BLOCKS = 4;

  /**
   * A tentative link: at least this many shared minutes predicted, a ratio an operator gives, and a
   * chance of at most {@link #LINK_CHANCE} for two people (sparse laptops of unrelated farms would
   * otherwise chain into groups that then fail the group test, taking the real operator with them).
   */
  static final double LINK_EXPECTED = 30;
  static final double LINK_CHANCE = 1e-3;
  /** Largest group tested: all its pairs are compared. */
  static final int MAX_GROUP = 64;

  /** Devices linked by interleaving, and what all their pairs show together. */
  record Group(List<DeviceObservation> devices, ClusterActivity activity) {}

  /** What one pass did, for the benchmark and the logs. */
  record Work(int candidates, int profiled, long pairsCompared) {}

  private Work work = new Work(0, 0, 0);

  static boolean candidate(DeviceObservation o) {
    return o.controls().stream().anyMatch(c -> OPERATOR_SIGNALS.contains(c.signal()));
  }

  /** The groups among the fleet's controlled devices; reads history only for them. */
  List<Group> find(Collection<DeviceObservation> fleet, Function<String, ActivityProfile> profiles) {
    List<DeviceObservation> candidates = fleet.stream().filter(SharedOperators::candidate)
        .sorted(Comparator.comparing(DeviceObservation::seenAt).reversed().thenComparing(DeviceObservation::deviceId))
        .limit(MAX_CANDIDATES).toList();
    List<DeviceObservation> devices = new ArrayList<>();
    List<ActivityProfile> loaded = new ArrayList<>();
    for (DeviceObservation o : candidates) {
      ActivityProfile p = profiles.apply(o.deviceId());
      if (p.days() >= ActivityPair.MIN_DAYS) {
        devices.add(o);
        loaded.add(p);
      }
    }
    int n = loaded.size();
    Integer[] order = new Integer[n];
    int[] middle = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      middle[i] = middleBlock(loaded.get(i));
    }
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> middle[i]));
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<int[]> linkEnds = new ArrayList<>();
    long compared = 0;
    for (int s = 0; s < n && compared < MAX_PAIRS; s++) {
      int i = order[s];
      // Walk forward around the clock while the middles are close; the circle catches 23:50 and 00:10.
      for (int k = 1; k < n && compared < MAX_PAIRS; k++) {
        int j = order[(s + k) % n];
        int distance = Math.floorMod(middle[j] - middle[i], ActivityProfile.BLOCKS);
        if (distance > SPAN_BLOCKS) {
          break;
        }
        if (s + k >= n && distance == 0) {
          continue; // equal middles across the wrap were met from the other side
        }
        ActivityProfile a = loaded.get(i);
        ActivityProfile b = loaded.get(j);
        if (!ActivityPair.meet(a, b) || colocated(devices.get(i), devices.get(j))) {
          continue;
        }
        compared++;
        ActivityPair pair = ActivityPair.compare(a, b);
        if (pair.expected() >= LINK_EXPECTED && pair.ratio() <= ActivityPair.INTERLEAVED_AT_MOST
            && ActivityPair.chance((int) (pair.shared() / pair.run()), pair.expected() / pair.run()) <= LINK_CHANCE) {
          linkEnds.add(new int[] {i, j});
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    Map<Integer, Set<Integer>> byRoot = new HashMap<>();
    for (int[] ends : linkEnds) {
      byRoot.computeIfAbsent(find(parent, ends[0]), r -> new java.util.TreeSet<>()).addAll(List.of(ends[0], ends[1]));
    }
    List<Group> groups = new ArrayList<>();
    for (Set<Integer> members : byRoot.values()) {
      List<Integer> tested = members.stream().limit(MAX_GROUP).toList();
      List<ActivityPair> pairs = new ArrayList<>();
      for (int x = 0; x < tested.size(); x++) {
        for (int y = x + 1; y < tested.size(); y++) {
          ActivityPair p = ActivityPair.compare(loaded.get(tested.get(x)), loaded.get(tested.get(y)));
          if (p.days() >= ActivityPair.MIN_DAYS) {
            pairs.add(p);
          }
        }
      }
      ClusterActivity together = new ClusterActivity(pairs, tested.size());
      if (together.interleaved()) {
        groups.add(new Group(tested.stream().map(devices::get).sorted(Comparator.comparing(DeviceObservation::deviceId))
            .toList(), together));
      }
    }
    work = new Work(candidates.size(), n, compared);
    groups.sort(Comparator.comparing(g -> g.devices().get(0).deviceId()));
    return groups;
  }

  Work lastWork() {
    return work;
  }

  /** The block holding the middle of the device's active minutes over the window. */
  private static int middleBlock(ActivityProfile p) {
    int[] perBlock = new int[ActivityProfile.BLOCKS];
    for (int d = 0; d < p.windowDays(); d++) {
      if (p.day(d) != null) {
        for (int b = 0; b < ActivityProfile.BLOCKS; b++) {
          perBlock[b] += p.blockCount(d, b);
        }
      }
    }
    int half = (p.total() + 1) / 2;
    int seen = 0;
    for (int b = 0; b < ActivityProfile.BLOCKS; b++) {
      seen += perBlock[b];
      if (seen >= half) {
        return b;
      }
    }
    return 0;
  }

  /** Devices a network signal already ties: the farm alert covers them. */
  private static boolean colocated(DeviceObservation a, DeviceObservation b) {
    return !java.util.Collections.disjoint(a.gatewayMacs(), b.gatewayMacs())
        || !java.util.Collections.disjoint(a.bssids(), b.bssids())
        || !java.util.Collections.disjoint(a.neighborMacs(), b.ownMacs())
        || !java.util.Collections.disjoint(a.ownMacs(), b.neighborMacs());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
