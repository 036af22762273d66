package io.farmwatch.agent.runtime.testtime;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test-only setting that runs the agent's input minutes fast, so an end-to-end test sees days of
 * per-minute activity in a couple of minutes. Only the clock that labels input minutes and
 * remote-session marks is dilated; reports, signatures and retries keep real time, so the collector
 * checks them as it checks any agent. Read from the environment, and refused unless the JVM was
 * started with {@code -D}{@value #ALLOW_PROPERTY}{@code =true}: an installed agent never runs it.
 *
 * @param scale simulated milliseconds per real millisecond
 * @param anchor the real instant at which simulated time is {@code origin}; every agent of one test
 *     gets the same pair, so their minutes line up whenever each one started
 * @param origin simulated time at {@code anchor}
 */
public record TestTimeScale(long scale, Instant anchor, Instant origin) {

  public static final String SCALE = "FARMWATCH_TEST_TIME_SCALE";
  public static final String ANCHOR = "FARMWATCH_TEST_TIME_ANCHOR";
  public static final String ORIGIN = "FARMWATCH_TEST_TIME_ORIGIN";
  public static final String ALLOW_PROPERTY = "farmwatch.test";
  static final long MAX_SCALE = 100_000;

  /** A setting the agent refuses to start with, naming the variable at fault. */
  public static final class InvalidTestTimeException extends Exception {
    InvalidTestTimeException(String message) {
      super(message);
    }
  }

  /**
   * The setting in {@code env}, or empty when none of its variables is set.
   *
   * @param allowed whether {@link #ALLOW_PROPERTY} was set to true
   * @throws InvalidTestTimeException when a variable is set without the flag, or any is missing or bad
   */
  public static Optional<TestTimeScale> from(Map<String, String> env, boolean allowed)
      throws InvalidTestTimeException {
    List<String> set = new ArrayList<>();
    for (String key : List.of(SCALE, ANCHOR, ORIGIN)) {
      if (env.get(key) != null) {
        set.add(key);
      }
    }
    if (set.isEmpty()) {
      return Optional.empty();
    }
    if (!allowed) {
      throw new InvalidTestTimeException(set.get(0) + " is a test setting and is refused unless the agent runs with -D"
          + ALLOW_PROPERTY + "=true; unset " + String.join(", ", set));
    }
    long scale = scale(env.get(SCALE));
    Instant anchor = instant(ANCHOR, env.get(ANCHOR));
    Instant origin = instant(ORIGIN, env.get(ORIGIN));
    if (origin.isAfter(anchor)) {
      throw new InvalidTestTimeException(ORIGIN + " must not be later than " + ANCHOR + " (simulated minutes ahead of"
          + " real time are dropped by the collector), got " + origin + " after " + anchor);
    }
    return Optional.of(new TestTimeScale(scale, anchor, origin));
  }

  /** A clock that reads {@code real} and runs {@link #scale} times as fast from {@link #origin}. */
  public DilatedClock clock(Clock real) {
    return new DilatedClock(real, this);
  }

  /** Simulated epoch milliseconds at real epoch milliseconds {@code realMillis}. */
  long simulated(long realMillis) {
    return Math.addExact(origin.toEpochMilli(), Math.multiplyExact(realMillis - anchor.toEpochMilli(), scale));
  }

  /** How long one simulated minute lasts in real time, for the start-up warning. */
  public double realMillisPerMinute() {
    return 60_000.0 / scale;
  }

  private static long scale(String text) throws InvalidTestTimeException {
    if (text == null) {
      throw new InvalidTestTimeException(SCALE + " must be set with " + ANCHOR + " and " + ORIGIN);
    }
    try {
      long scale = Long.parseLong(text.strip());
      if (scale >= 2 && scale <= MAX_SCALE) {
        return scale;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new InvalidTestTimeException(SCALE + " must be a whole number from 2 to " + MAX_SCALE
        + " (simulated milliseconds per real millisecond), got '" + text + "'");
  }

  private static Instant instant(String key, String text) throws InvalidTestTimeException {
    if (text == null) {
      throw new InvalidTestTimeException(key + " must be set with " + SCALE);
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidTestTimeException(key + " must be an ISO-8601 UTC instant such as 2026-01-31T22:00:00Z, got '"
          + text + "'");
    }
  }
}
