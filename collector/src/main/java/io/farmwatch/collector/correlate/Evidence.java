package io.farmwatch.collector.correlate;

import java.time.Instant;
import java.util.List;

/**
 * One signal behind an alert.
 *
 * @param strength the signal's, carried so a reader of the JSON need not know every signal
 */
public record Evidence(
    Signal signal, Signal.Strength strength, String value, List<String> deviceIds, Instant firstSeen,
    Instant lastSeen, String detail) {

  public Evidence(Signal signal, String value, List<String> deviceIds, Instant firstSeen, Instant lastSeen,
      String detail) {
    this(signal, signal.strength(), value, deviceIds, firstSeen, lastSeen, detail);
  }
}
