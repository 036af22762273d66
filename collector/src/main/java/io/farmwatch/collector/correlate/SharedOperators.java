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
    int[] middle = new int[n];
    long[] byMiddle = new long[n];
    for (int i = 0; i < n; i++) {
      middle[i] = middleBlock(loaded.get(i));
      byMiddle[i] = (long) middle[i] << 32 | i;
    }
    java.util.Arrays.sort(byMiddle);
    int[] order = new int[n];
    for (int s = 0; s < n; s++) {
      order[s] = (int) byMiddle[s];
    }
    int[][] colocated = colocated(devices);
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
        if (!ActivityPair.meet(a, b)
            || colocated[i].length > 0 && java.util.Arrays.binarySearch(colocated[i], j) >= 0) {
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
      for (int b = 0; b < ActivityProfile.BLOCKS; b++) {
        perBlock[b] += p.blockCount(d, b);
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

  /**
   * For each device, the others a network signal already ties it to (the farm alert covers them),
   * sorted: found through each value's holders rather than by testing every pair of sets.
   */
  private static int[][] colocated(List<DeviceObservation> devices) {
    Map<String, List<Integer>> holders = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      DeviceObservation o = devices.get(i);
      for (String m : o.gatewayMacs()) {
        holders.computeIfAbsent("gw:" + m, k -> new ArrayList<>()).add(i);
      }
      for (String m : o.bssids()) {
        holders.computeIfAbsent("bssid:" + m, k -> new ArrayList<>()).add(i);
      }
      for (String m : o.ownMacs()) {
        holders.computeIfAbsent("own:" + m, k -> new ArrayList<>()).add(i);
      }
    }
    List<Set<Integer>> ties = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      ties.add(new java.util.TreeSet<>());
    }
    for (int i = 0; i < devices.size(); i++) {
      DeviceObservation o = devices.get(i);
      List<String> keys = new ArrayList<>();
      o.gatewayMacs().forEach(m -> keys.add("gw:" + m));
      o.bssids().forEach(m -> keys.add("bssid:" + m));
      // A neighbour table naming another's card ties both ways.
      o.neighborMacs().forEach(m -> keys.add("own:" + m));
      for (String key : keys) {
        for (int j : holders.getOrDefault(key, List.of())) {
          if (j != i) {
            ties.get(i).add(j);
            ties.get(j).add(i);
          }
        }
      }
    }
    return ties.stream().map(t -> t.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
