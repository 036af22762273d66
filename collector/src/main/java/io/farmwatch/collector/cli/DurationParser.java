package io.farmwatch.collector.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations the way operators write them: {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d}. */
final class DurationParser implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    if (value.matches("\\d{1,9}[smhd]")) {
      long n = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    throw new TypeConversionException("'" + value + "' is not a duration like 30s, 15m, 12h or 7d");
  }
}
