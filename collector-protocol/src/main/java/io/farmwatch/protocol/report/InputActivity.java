package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * Input timing, never content: per-minute counts of events and the class of device they came from.
 *
 * @param source the sampler that produced the series, e.g. {@code x11-xinput2}
 * @param seriesStart start of the first minute in {@code minutes}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputActivity(String source, Instant seriesStart, List<InputMinute> minutes) {}
