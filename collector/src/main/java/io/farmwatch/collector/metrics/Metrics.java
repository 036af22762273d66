package io.farmwatch.collector.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency histograms in the Prometheus text format. Small enough that a metrics
 * library would outweigh it.
 */
public final class Metrics {

  private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};

  /** Counters by outcome, each with its HELP text; outcomes are fixed codes, never input. */
  private static final Map<String, String> OUTCOME_COUNTERS = Map.of(
      "ingest_reports", "Report uploads by outcome.",
      "enroll", "Enrollment attempts by outcome.");

  private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> sinkDrops = new ConcurrentHashMap<>();

  private static final class Histogram {
    final LongAdder[] counts = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

    Histogram() {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = new LongAdder();
      }
    }

    void observe(double seconds) {
      count.increment();
      sum.add(seconds);
      for (int i = 0; i < BUCKETS.length; i++) {
        if (seconds <= BUCKETS[i]) {
          counts[i].increment();
        }
      }
    }
  }

  /** Counts one report upload by its outcome ({@code accepted} or an error code). */
  public void ingestOutcome(String outcome) {
    outcome("ingest_reports", outcome);
  }

  /** Counts one event of a counter by outcome, e.g. {@code enroll} and {@code rate_limited}. */
  public void outcome(String counter, String outcome) {
    if (!OUTCOME_COUNTERS.containsKey(counter)) {
      throw new IllegalArgumentException("no outcome counter " + counter);
    }
    outcomes.computeIfAbsent(counter, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** Adds to a counter such as {@code db_committed_reports}. */
  public void count(String name, long amount) {
    counters.computeIfAbsent(name, k -> new LongAdder()).add(amount);
  }

  /** Counts one alert update a sink dropped; both labels are the collector's own short words. */
  public void sinkDropped(String sink, String reason) {
    sinkDrops.computeIfAbsent("sink=\"" + sink + "\",reason=\"" + reason + "\"", k -> new LongAdder()).increment();
  }

  /** Records a duration under a histogram name such as {@code ingest} or {@code db_accept}. */
  public void observe(String name, long nanos) {
    histograms.computeIfAbsent(name, k -> new Histogram()).observe(nanos / 1e9);
  }

  public String render() {
    StringBuilder out = new StringBuilder();
    OUTCOME_COUNTERS.keySet().stream().sorted().forEach(counter -> {
      String name = "farmwatch_" + counter + "_total";
      out.append("# HELP ").append(name).append(' ').append(OUTCOME_COUNTERS.get(counter)).append('\n');
      out.append("# TYPE ").append(name).append(" counter\n");
      outcomes.getOrDefault(counter, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> out.append(name).append("{outcome=\"").append(e.getKey()).append("\"} ")
              .append(e.getValue().sum()).append('\n'));
    });
    out.append("# HELP farmwatch_sink_dropped_total Alert updates a sink dropped, by sink and reason.\n");
    out.append("# TYPE farmwatch_sink_dropped_total counter\n");
    sinkDrops.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
        out.append("farmwatch_sink_dropped_total{").append(e.getKey()).append("} ").append(e.getValue().sum())
            .append('\n'));
    counters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String name = "farmwatch_" + e.getKey() + "_total";
      out.append("# TYPE ").append(name).append(" counter\n");
      out.append(name).append(' ').append(e.getValue().sum()).append('\n');
    });
    histograms.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      String name = "farmwatch_" + e.getKey() + "_seconds";
      Histogram h = e.getValue();
      out.append("# HELP ").append(name).append(" Latency of ").append(e.getKey()).append(".\n");
      out.append("# TYPE ").append(name).append(" histogram\n");
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append(name).append("_bucket{le=\"").append(BUCKETS[i]).append("\"} ")
            .append(h.counts[i].sum()).append('\n');
      }
      out.append(name).append("_bucket{le=\"+Inf\"} ").append(h.count.sum()).append('\n');
      out.append(name).append("_sum ").append(h.sum.sum()).append('\n');
      out.append(name).append("_count ").append(h.count.sum()).append('\n');
    });
    return out.toString();
  }
}
