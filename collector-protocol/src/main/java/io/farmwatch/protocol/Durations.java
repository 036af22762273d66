package io.farmwatch.protocol;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way FarmWatch reads a duration, in the agent's config and on the collector's command line
 * and API: a whole number and a unit ({@code 500ms}, {@code 90s}, {@code 5m}, {@code 12h}, {@code 7d})
 * or ISO-8601 ({@code PT5M}).
 */
public final class Durations {

  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final String FORMAT = "a duration is a number and a unit (ms, s, m, h, d) like 90s, 5m, 12h or 7d,"
      + " or ISO-8601 like PT5M";

  private Durations() {}

  /** The duration; an IllegalArgumentException for anything else, without repeating the input. */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException(FORMAT);
    }
    String s = text.strip();
    Matcher m = NUMBER_AND_UNIT.matcher(s);
    try {
      if (!m.matches()) {
        return Duration.parse(s);
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(FORMAT, e);
    }
  }

  /** As {@link #parse}, refusing zero and negative durations (an expiry or a period must pass time). */
  public static Duration parsePositive(String text) {
    Duration d = parse(text);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("a duration must be longer than zero");
    }
    return d;
  }
}
