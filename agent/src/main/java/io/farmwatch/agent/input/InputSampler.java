package io.farmwatch.agent.input;

import io.farmwatch.agent.input.analysis.InputFindings;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.Unavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Samples input timing for the whole life of the agent service and hands each report the
 * per-minute series and what the analyses concluded. Switched off by {@code privacy.inputSampling}.
 */
public final class InputSampler implements AutoCloseable {

  /** What one report gets: the series (or why there is none) and the findings. */
  public record Snapshot(InputActivity activity, List<Finding> findings, Unavailable unavailable) {}

  static final long ANALYSIS_WINDOW_MILLIS = 30 * 60_000L;
  /** {@code input.source} of a series that only session helpers' counts make. */
  static final String SESSION_HELPER_SOURCE = "session-helper";

  private final InputSource source;
  private final String unavailableReason;
  private final ActivityRecorder recorder;
  private final Clock clock;

  private InputSampler(InputSource source, String unavailableReason, ActivityRecorder recorder, Clock clock) {
    this.source = source;
    this.unavailableReason = unavailableReason;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** Starts the platform's source; when it cannot run, the snapshots say why. */
  public static InputSampler start(InputSource source, Clock clock, int keepMinutes) {
    return start(source, clock, new ActivityRecorder(keepMinutes));
  }

  static InputSampler start(InputSource source, Clock clock, ActivityRecorder recorder) {
    try {
      source.start(recorder);
      return new InputSampler(source, null, recorder, clock);
    } catch (SourceUnavailableException e) {
      source.close();
      return new InputSampler(null, e.getMessage(), recorder, clock);
    }
  }

  /** Tells the sampler a remote-access session was open during this epoch minute. */
  public void markRemoteSession(long epochMinute) {
    recorder.markRemoteSession(epochMinute, (int) (ANALYSIS_WINDOW_MILLIS / 60_000));
  }

  /** Where session helpers' minutes go, to be reported with the service's own. */
  public ActivityRecorder recorder() {
    return recorder;
  }

  public Snapshot snapshot() {
    // A root service without a display may have no source of its own; a session helper's counts
    // still make a series while they lie within it.
    Instant now = clock.instant();
    if (source == null && !recorder.hasSessionMinutes(now)) {
      return new Snapshot(null, List.of(), new Unavailable("input", "input sampler", unavailableReason));
    }
    List<InputEvent> window = recorder.recent(now.toEpochMilli(), ANALYSIS_WINDOW_MILLIS);
    String name = source != null ? source.name() : SESSION_HELPER_SOURCE;
    return new Snapshot(recorder.series(name, now), InputFindings.analyse(window, recorder.remoteSessionMinutes()), null);
  }

  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
  }
}
