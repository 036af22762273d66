package io.farmwatch.collector.activity;

/**
 * What one device's agent reported about one UTC day, minute by minute: the history correlation
 * reads to see who works when, kept for the configured retention (14 days by default).
 *
 * @param epochDay days since 1970-01-01, UTC
 * @param active minutes with any input
 * @param remote minutes in which a remote-access session was open
 * @param injected minutes with input the OS flagged as injected or that came from a virtual device
 */
public record ActivityDay(String deviceId, long epochDay, DayMinutes active, DayMinutes remote, DayMinutes injected) {

  /** Both days' marks together: how two reports covering one day merge. */
  public ActivityDay merge(ActivityDay other) {
    if (!deviceId.equals(other.deviceId) || epochDay != other.epochDay) {
      throw new IllegalArgumentException("only one device's marks for one day merge");
    }
    return new ActivityDay(deviceId, epochDay, active.or(other.active), remote.or(other.remote),
        injected.or(other.injected));
  }
}
