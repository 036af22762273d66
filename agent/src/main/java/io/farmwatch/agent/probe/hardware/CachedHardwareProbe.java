package io.farmwatch.agent.probe.hardware;

import io.farmwatch.agent.probe.HardwareProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.HardwareIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Hardware identity changes only when hardware does, so it is read once and then reused for a day
 * instead of walking firmware tables and disks every cycle.
 */
public final class CachedHardwareProbe implements HardwareProbe {

  static final Duration REFRESH = Duration.ofHours(24);

  private final HardwareProbe delegate;
  private final Clock clock;
  private ProbeResult<HardwareIdentity> cached;
  private Instant readAt;

  public CachedHardwareProbe(HardwareProbe delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public synchronized ProbeResult<HardwareIdentity> collect() {
    Instant now = clock.instant();
    if (cached == null || readAt.plus(REFRESH).isBefore(now)) {
      cached = delegate.collect();
      readAt = now;
    }
    return cached;
  }
}
