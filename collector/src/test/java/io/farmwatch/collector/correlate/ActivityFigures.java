package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The figures behind the activity thresholds: shared-over-expected ratios of pairs of generated
 * people at one UTC offset (a couple in a flat, colleagues) and of laptops one operator switches
 * between, and night shares of people and of night workers. Run with {@code scripts/bench-activity [PAIRS]}.
 */
public final class ActivityFigures {

  static final long FIRST_DAY = 20_400;
  static final int DAYS = ActivityAnalysis.WINDOW_DAYS;

  private ActivityFigures() {}

  public static void main(String[] args) {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    SplittableRandom r = new SplittableRandom(11);
    report("two people, same hours", pairs, () -> {
      Timeline a = Traces.person(r, FIRST_DAY, DAYS, -360);
      Timeline b = Traces.person(r, FIRST_DAY, DAYS, -360);
      return ActivityPair.compare(profile("a", a.days("a")), profile("b", b.days("b")));
    });
    for (int n : new int[] {2, 3, 6, 10}) {
      report("one operator, " + n + " laptops", pairs, () -> {
        Timeline[] t = Traces.operator(r, FIRST_DAY, DAYS, -360, n, true);
        return ActivityPair.compare(profile("a", t[0].days("a")), profile("b", t[1].days("b")));
      });
    }
    double[] day = new double[pairs];
    double[] night = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      day[i] = nightShare(Traces.person(r, FIRST_DAY, DAYS, -360));
      night[i] = nightShare(Traces.person(r, FIRST_DAY, DAYS, 9 * 60));
    }
    System.out.printf(Locale.ROOT, "night share in America/Chicago, people working there: %s%n", quantiles(day));
    System.out.printf(Locale.ROOT, "night share in America/Chicago, people working at UTC+9: %s%n", quantiles(night));
  }

  private static double nightShare(Timeline t) {
    ActivityProfile p = profile("x", t.days("x"));
    return WorkingHours.measure(p, "America/Chicago").map(WorkingHours::nightShare).orElse(0.0);
  }

  static ActivityProfile profile(String id, List<ActivityDay> rows) {
    return new ActivityProfile(id, rows, FIRST_DAY, DAYS);
  }

  private static void report(String what, int n, Supplier<ActivityPair> pair) {
    double[] ratios = new double[n];
    double[] expected = new double[n];
    List<String> verdicts = new ArrayList<>();
    int[] counts = new int[ActivityPair.Verdict.values().length];
    for (int i = 0; i < n; i++) {
      ActivityPair p = pair.get();
      ratios[i] = p.ratio();
      expected[i] = p.expected();
      counts[p.verdict().ordinal()]++;
    }
    for (ActivityPair.Verdict v : ActivityPair.Verdict.values()) {
      verdicts.add(v + " " + counts[v.ordinal()]);
    }
    System.out.printf(Locale.ROOT, "%s (%d pairs): ratio %s; expected minutes %s; %s%n", what, n, quantiles(ratios),
        quantiles(expected), String.join(", ", verdicts));
  }

  private static String quantiles(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return String.format(Locale.ROOT, "min %.2f p1 %.2f p50 %.2f p99 %.2f max %.2f", v[0], v[v.length / 100],
        v[v.length / 2], v[v.length - 1 - v.length / 100], v[v.length - 1]);
  }
}
