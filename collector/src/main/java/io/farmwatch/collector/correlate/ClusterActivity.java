package io.farmwatch.collector.correlate;

import java.util.List;
import java.util.Locale;

/**
 * What the activity history says about one cluster: every measurable pair of its devices, and the
 * verdict over all of them (shared minutes over the minutes chance predicts, summed over pairs).
 *
 * @param pairs pairs busy at once on at least {@link ActivityPair#MIN_DAYS} days; a large farm's pairs
 *     may each be too thin to judge, while together they say enough
 * @param compared devices whose history was read; a cluster larger than the cap is judged on its
 *     first devices
 */
record ClusterActivity(List<ActivityPair> pairs, int compared) {

  static final ClusterActivity NONE = new ClusterActivity(List.of(), 0);

  ClusterActivity {
    pairs = List.copyOf(pairs);
  }

  /** Whether the pairs together say something either way. */
  boolean measured() {
    return interleaved() || overlapping();
  }

  private int shared() {
    return pairs.stream().mapToInt(ActivityPair::shared).sum();
  }

  private double expected() {
    return pairs.stream().mapToDouble(ActivityPair::expected).sum();
  }

  private double run() {
    return pairs.stream().mapToDouble(ActivityPair::run).average().orElse(1);
  }

  double ratio() {
    return expected() == 0 ? 0 : shared() / expected();
  }

  /** The pairs' minutes together pass the pair test: a large farm's pairs may each be too thin alone. */
  boolean interleaved() {
    return ActivityPair.verdict(shared(), expected(), run()) == ActivityPair.Verdict.INTERLEAVED;
  }

  boolean overlapping() {
    return ActivityPair.verdict(shared(), expected(), run()) == ActivityPair.Verdict.OVERLAPPING;
  }

  /** "across 3 pairs over up to 9 days, 41 active minutes in common where chance predicts 612 (ratio 0.07)". */
  String describe() {
    return String.format(Locale.ROOT,
        "across %d pair%s over up to %d days, %,d active minutes in common where chance predicts %,.0f (ratio %.2f)",
        pairs.size(), pairs.size() == 1 ? "" : "s", pairs.stream().mapToInt(ActivityPair::days).max().orElse(0),
        pairs.stream().mapToInt(ActivityPair::shared).sum(),
        pairs.stream().mapToDouble(ActivityPair::expected).sum(), ratio());
  }
}
