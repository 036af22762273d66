package io.farmwatch.protocol.envelope;

import java.time.Duration;
import java.util.Objects;

/**
 * How much clock disagreement and delay the verifier tolerates.
 *
 * @param maxClockSkew how far in the future a report's {@code collectedAt} may lie
 * @param maxReportAge how old a report may be; generous, because agents spool reports while the
 *     collector is unreachable and send them days later
 */
public record VerificationPolicy(Duration maxClockSkew, Duration maxReportAge) {

  public static final VerificationPolicy DEFAULT =
      new VerificationPolicy(Duration.ofMinutes(5), Duration.ofDays(30));

  public VerificationPolicy {
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    Objects.requireNonNull(maxReportAge, "maxReportAge");
    if (maxClockSkew.isNegative() || maxReportAge.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }
}
