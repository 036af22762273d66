package io.farmwatch.agent.runtime.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock the test moves, read safely from the threads of the code under test. */
public final class MovingClock extends Clock {

  private volatile Instant now;

  public MovingClock(Instant start) {
    this.now = start;
  }

  public void setTo(Instant at) {
    now = at;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
