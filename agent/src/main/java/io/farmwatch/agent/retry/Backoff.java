package io.farmwatch.agent.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential retry delays with jitter: each failure doubles the base delay up to a cap, and each
 * delay is drawn between half and all of it, so agents that lost the collector together do not
 * return in one synchronized wave.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int failures;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  public Duration next() {
    long base = initial.toMillis();
    for (int i = 0; i < failures && base < max.toMillis(); i++) {
      base *= 2;
    }
    base = Math.min(base, max.toMillis());
    failures++;
    long half = base / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (base - half + 1)));
  }

  /**
   * Like {@link #next()}, but no sooner than {@code atLeast} (the collector's Retry-After, or null
   * for none), and never beyond the cap whatever it asked.
   */
  public Duration next(Duration atLeast) {
    Duration delay = next();
    if (atLeast == null || atLeast.compareTo(delay) <= 0) {
      return delay;
    }
    return atLeast.compareTo(max) > 0 ? max : atLeast;
  }

  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
