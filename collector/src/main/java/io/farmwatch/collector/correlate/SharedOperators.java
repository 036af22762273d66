package io.farmwatch.collector.correlate;

import java.util.ArrayList;
import java.util.Arrays;
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
 * links among strangers then fails on the pairs that overlap).
 *
 * <p>Pairs are narrowed before any minute is compared, by what an operator's laptops share and the
 * fleet does not: he drives each of them from elsewhere during his own working hours, so their
 * driven blocks (32-minute blocks with a remote session open or injected input) fall on the same
 * days and hours. A device is searched only when it was driven on {@link ActivityPair#MIN_DAYS}
 * days (an IP-KVM leaves no marks in software, so there any activity counts as driven), and an index
 * from each day's block to the devices driven in it pairs only devices whose driven blocks meet on
 * that many days, like a join: the work grows with the pairs that could be one operator, not with
 * the square of the controlled devices. Hard bounds cap every stage: {@link #MAX_CANDIDATES}
 * histories read, {@link #MAX_PROBES} index entries visited, {@link #MAX_PAIRS} pairs compared.
 */
final class SharedOperators {

  /** Findings that let someone elsewhere type on the device; a jiggler or a VM alone does not. */
  static final Set<Signal> OPERATOR_SIGNALS =
      EnumSet.of(Signal.REMOTE_ACCESS, Signal.REMOTE_SESSION, Signal.IP_KVM, Signal.SYNTHETIC_INPUT);
  /** Most controlled devices whose history one pass reads, the most recently seen first. */
  static final int MAX_CANDIDATES = 50_000;
  /**
   * Most index entries one pass visits while pairing (a few nanoseconds each): each driven device
   * walks the devices driven in its blocks. 50,000 devices all driven through one office's hours
   * would otherwise cost tens of billions.
   */
  static final long MAX_PROBES = 1_000_000_000;
  /** Most pairs compared minute by minute in one pass (about a microsecond each). */
  static final long MAX_PAIRS = 10_000_000;

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

  /**
   * What one pass did, for the benchmark, the logs and the bounds' tests.
   *
   * @param candidates controlled devices whose history was read
   * @param driven those driven on enough days to be searched
   * @param probes index entries visited while pairing
   * @param pairsCompared pairs whose driven blocks met on enough days, compared minute by minute
   */
  record Work(int candidates, int driven, long probes, long pairsCompared) {}

  /** How far one pass may go: {@link #DEFAULT} in the collector, smaller where a test reaches them. */
  record Bounds(int candidates, long probes, long pairs) {
    static final Bounds DEFAULT = new Bounds(MAX_CANDIDATES, MAX_PROBES, MAX_PAIRS);
  }

  private final Bounds bounds;
  private Work work = new Work(0, 0, 0, 0);

  SharedOperators(Bounds bounds) {
    this.bounds = bounds;
  }

  static boolean candidate(DeviceObservation o) {
    return o.controls().stream().anyMatch(c -> OPERATOR_SIGNALS.contains(c.signal()));
  }

  /** The groups among the fleet's controlled devices; reads history only for them. */
  List<Group> find(Collection<DeviceObservation> fleet, Function<String, ActivityProfile> profiles) {
    List<DeviceObservation> candidates = fleet.stream().filter(SharedOperators::candidate)
        .sorted(Comparator.comparing(DeviceObservation::seenAt).reversed().thenComparing(DeviceObservation::deviceId))
        .limit(bounds.candidates()).toList();
    List<DeviceObservation> devices = new ArrayList<>();
    List<ActivityProfile> loaded = new ArrayList<>();
    List<long[]> drivenBlocks = new ArrayList<>();
    for (DeviceObservation o : candidates) {
      ActivityProfile p = profiles.apply(o.deviceId());
      long[] driven = drivenBlocks(o, p);
      if (p.days() >= ActivityPair.MIN_DAYS && drivenDays(driven) >= ActivityPair.MIN_DAYS) {
        devices.add(o);
        loaded.add(p);
        drivenBlocks.add(driven);
      }
    }
    int n = loaded.size();
    int[][] colocated = colocated(devices);
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<int[]> linkEnds = new ArrayList<>();
    DrivenIndex index = new DrivenIndex(drivenBlocks);
    long compared = 0;
    for (int i = 0; i < n && compared < bounds.pairs() && index.probes() < bounds.probes(); i++) {
      for (int j : index.partners(i, bounds.probes())) {
        ActivityProfile a = loaded.get(i);
        ActivityProfile b = loaded.get(j);
        if (compared >= bounds.pairs() || !ActivityPair.meet(a, b)
            || colocated[i].length > 0 && Arrays.binarySearch(colocated[i], j) >= 0) {
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
    work = new Work(candidates.size(), n, index.probes(), compared);
    groups.sort(Comparator.comparing(g -> g.devices().get(0).deviceId()));
    return groups;
  }

  Work lastWork() {
    return work;
  }

  Bounds bounds() {
    return bounds;
  }

  private static long drivenDays(long[] driven) {
    return Arrays.stream(driven).filter(m -> m != 0).count();
  }

  /**
   * The blocks of each day in which the device was driven from elsewhere: remote-session or injected
   * minutes, or for a device behind an IP-KVM (which software cannot see at work) any activity.
   */
  private static long[] drivenBlocks(DeviceObservation o, ActivityProfile p) {
    boolean kvm = o.controls().stream().anyMatch(c -> c.signal() == Signal.IP_KVM);
    long[] out = new long[p.windowDays()];
    for (int d = 0; d < out.length; d++) {
      out[d] = kvm ? p.blockMask(d) : p.drivenMask(d);
    }
    return out;
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
