package io.farmwatch.agent.input;

import io.farmwatch.agent.input.source.InputEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated input traces: people typing and pointing, people only reading, jigglers, remote bursts. */
final class Traces {

  static final long START = 1_764_000_000_000L;
  static final long WINDOW = 30 * 60_000L;

  private Traces() {}

  /** Someone working: typing runs and pointer bursts with irregular, heavy-tailed pauses. */
  static List<InputEvent> worker(Random r, boolean synthetic) {
    List<InputEvent> out = new ArrayList<>();
    long t = START + r.nextInt(5000);
    while (t < START + WINDOW) {
      if (r.nextDouble() < 0.5) {
        int keys = 5 + r.nextInt(60);
        for (int i = 0; i < keys; i++) {
          t += 80 + (long) (r.nextGaussian() * 40 + 120);
          out.add(new InputEvent(t, InputEvent.Kind.KEY, synthetic));
        }
      } else {
        int moves = 3 + r.nextInt(40);
        for (int i = 0; i < moves; i++) {
          t += 10 + r.nextInt(40);
          out.add(new InputEvent(t, InputEvent.Kind.POINTER, synthetic));
        }
      }
      t += (long) (Math.exp(r.nextGaussian() * 1.2 + 8.5)); // pauses: median ~5 s, long tail
    }
    return out;
  }

  /** Someone reading: pointer only (scrolling, nudging), never typing, at irregular times. */
  static List<InputEvent> reader(Random r) {
    List<InputEvent> out = new ArrayList<>();
    long t = START + r.nextInt(5000);
    while (t < START + WINDOW) {
      int moves = 1 + r.nextInt(15);
      for (int i = 0; i < moves; i++) {
        t += 15 + r.nextInt(60);
        out.add(new InputEvent(t, InputEvent.Kind.POINTER, false));
      }
      t += (long) (Math.exp(r.nextGaussian() * 0.9 + 9.6)); // median ~15 s
    }
    return out;
  }

  /** A jiggler: a short pointer nudge every {@code periodMillis}, with relative jitter. */
  static List<InputEvent> jiggler(Random r, long periodMillis, double jitter, boolean synthetic) {
    List<InputEvent> out = new ArrayList<>();
    long t = START + r.nextInt((int) periodMillis);
    while (t < START + WINDOW) {
      int moves = 1 + r.nextInt(3);
      for (int i = 0; i < moves; i++) {
        out.add(new InputEvent(t + i * 20L, InputEvent.Kind.POINTER, synthetic));
      }
      t += (long) (periodMillis * (1 + (r.nextDouble() * 2 - 1) * jitter));
    }
    return out;
  }
}
