package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Input timing, never content: per-minute counts of events and the class of device they came from.
 *
 * @param source the sampler that produced the series, e.g. {@code x11-xinput2}
 * @param seriesStart start of the first minute in {@code minutes}
 * @param activeMinutesByHourUtc 24 counts: minutes with any input, by hour of the day (UTC), since
 *     the sampler started; the working-hours profile to compare with the claimed time zone
 * @param sessionUser the user of the graphical session whose session helper sent the newest counts
 *     in the series; null when only the service itself sampled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputActivity(
    String source, Instant seriesStart, List<InputMinute> minutes, List<Integer> activeMinutesByHourUtc,
    String sessionUser) {

  /** A series the service sampled itself, with no session helper's counts in it. */
  public InputActivity(String source, Instant seriesStart, List<InputMinute> minutes, List<Integer> activeMinutesByHourUtc) {
    this(source, seriesStart, minutes, activeMinutesByHourUtc, null);
  }
}
