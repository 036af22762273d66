package io.farmwatch.collector.api;

import java.time.Duration;
import java.util.regex.Pattern;

/** Durations the way operators write them, on the CLI and in the API: {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}. */
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("\\d{1,9}[smhd]");

  private Durations() {}

  /** The duration; an IllegalArgumentException for anything else, without repeating the input. */
  public static Duration parse(String value) {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a duration is a number and a unit, like 30s, 15m, 12h or 7d");
    }
    long n = Long.parseLong(value.substring(0, value.length() - 1));
    Duration d = switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.isZero()) {
      throw new IllegalArgumentException("a duration must be longer than zero");
    }
    return d;
  }
}
