package io.farmwatch.agent.input.analysis;

import io.farmwatch.agent.input.source.InputEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A mouse jiggler moves the pointer at a fixed rhythm and never types. People who only read still
 * move the mouse, but irregularly. The detector groups pointer events into bursts, measures the
 * intervals between bursts, and calls it a jiggler when they are regular: coefficient of variation
 * below {@link #MAX_CV} over at least {@link #MIN_BURSTS} bursts, with no key presses at all.
 */
public final class JigglerDetector {

  static final long BURST_GAP_MILLIS = 1_500;
  static final int MIN_BURSTS = 8;
  static final double MAX_CV = 0.2;
  static final long MIN_PERIOD_MILLIS = 2_000;

  /** What was measured. */
  public record Verdict(double periodSeconds, int bursts, double coefficientOfVariation) {}

  private JigglerDetector() {}

  public static Optional<Verdict> analyse(List<InputEvent> events) {
    if (events.stream().anyMatch(e -> e.kind() == InputEvent.Kind.KEY)) {
      return Optional.empty();
    }
    List<Long> starts = new ArrayList<>();
    long last = Long.MIN_VALUE;
    for (InputEvent e : events) {
      if (e.epochMillis() - last > BURST_GAP_MILLIS) {
        starts.add(e.epochMillis());
      }
      last = e.epochMillis();
    }
    if (starts.size() < MIN_BURSTS) {
      return Optional.empty();
    }
    double[] intervals = new double[starts.size() - 1];
    for (int i = 1; i < starts.size(); i++) {
      intervals[i - 1] = starts.get(i) - starts.get(i - 1);
    }
    double mean = Arrays.stream(intervals).average().orElse(0);
    double variance = Arrays.stream(intervals).map(d -> (d - mean) * (d - mean)).sum() / intervals.length;
    double cv = Math.sqrt(variance) / mean;
    double[] sorted = intervals.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    if (cv < MAX_CV && median >= MIN_PERIOD_MILLIS) {
      return Optional.of(new Verdict(median / 1000.0, starts.size(), cv));
    }
    return Optional.empty();
  }
}
