package io.farmwatch.agent.runtime.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Spreads collections of a fleet over time: the interval, randomly shortened or lengthened. */
public final class Jitter {

  private Jitter() {}

  /** A duration uniformly within {@code interval * (1 ± fraction)}. */
  public static Duration around(Duration interval, double fraction, RandomGenerator random) {
    double factor = 1 + fraction * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor)));
  }
}
