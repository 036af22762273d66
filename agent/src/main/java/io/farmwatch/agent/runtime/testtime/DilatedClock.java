package io.farmwatch.agent.runtime.testtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Simulated time of a {@link TestTimeScale}: {@code origin + scale × (real − anchor)}. */
public final class DilatedClock extends Clock {

  private final Clock real;
  private final TestTimeScale scale;

  DilatedClock(Clock real, TestTimeScale scale) {
    this.real = real;
    this.scale = scale;
  }

  /** The simulated epoch milliseconds of something that happened at real {@code realMillis}. */
  public long simulated(long realMillis) {
    return scale.simulated(realMillis);
  }

  @Override
  public long millis() {
    return scale.simulated(real.millis());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("a dilated clock runs in UTC only");
  }
}
