package io.farmwatch.agent.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.platform.linux.X11InputSource;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.InputMinute;
import io.farmwatch.protocol.report.Report;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sampler inside a report: the series travels with it, an unavailable source says why. */
class InputSamplerTest {

  @Test
  void aReportCarriesTheSeriesAndTheInjectedInputFinding() throws Exception {
    Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "800x600x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
          .readLine().strip();
      Clock clock = Clock.systemUTC();
      try (InputSampler sampler = InputSampler.start(new X11InputSource(display), clock, new ActivityRecorder(5))) {
        Thread.sleep(200);
        for (int i = 0; i < 12; i++) {
          ProcessBuilder pb = new ProcessBuilder("xdotool", "key", "a", "mousemove_relative", "--", "5", "5")
              .redirectErrorStream(true);
          pb.environment().put("DISPLAY", display);
          Process p = pb.start();
          p.getInputStream().readAllBytes();
          assertThat(p.waitFor()).isZero();
        }
        Thread.sleep(400);
        Report report = new ReportAssembler(clock, Platform.forThisMachine().probes(false, clock),
            DetectorFactory.create(List.of(), List.of()), sampler, null).assemble(null, 1);
        assertThat(report.input().source()).isEqualTo("x11-xinput2");
        assertThat(report.input().minutes()).hasSize(5);
        int keys = report.input().minutes().stream().mapToInt(m -> m.keyEvents()).sum();
        int synthetic = report.input().minutes().stream().mapToInt(m -> m.syntheticEvents()).sum();
        assertThat(keys).isEqualTo(12);
        assertThat(synthetic).isGreaterThanOrEqualTo(24);
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(FindingKind.SYNTHETIC_INPUT));
      }
    } finally {
      xvfb.destroy();
      xvfb.waitFor();
    }
  }

  @Test
  void everyMinuteASessionWasOpenIsFlaggedAndInputOnlyInsideThemIsAFindingWhereOneMarkPerCollectionWasNot() {
    List<InputEvent> worked = Traces.worker(new Random(3), false);
    Clock clock = Clock.fixed(Instant.ofEpochMilli(Traces.START + Traces.WINDOW), ZoneOffset.UTC);
    long first = Traces.START / 60_000;
    long last = (Traces.START + Traces.WINDOW) / 60_000;
    try (InputSampler sampler = InputSampler.start(replaying(worked), clock, new ActivityRecorder(31))) {
      // One mark per 5-minute collection, as before: 6 of some 30 active minutes.
      for (long m = first; m <= last; m += 5) {
        sampler.markRemoteSession(m);
      }
      assertThat(sampler.snapshot().findings()).noneMatch(f -> f.kind() == FindingKind.REMOTE_SESSION);

      for (long m = first; m <= last; m++) {
        sampler.markRemoteSession(m);
      }
      InputSampler.Snapshot snapshot = sampler.snapshot();
      assertThat(snapshot.activity().minutes()).hasSize(31).allMatch(InputMinute::remoteSession);
      assertThat(snapshot.findings()).filteredOn(f -> f.kind() == FindingKind.REMOTE_SESSION).singleElement()
          .satisfies(f -> assertThat(((Number) f.evidence().get("activeMinutesInRemoteSessions")).intValue())
              .isEqualTo(((Number) f.evidence().get("activeMinutes")).intValue()).isGreaterThanOrEqualTo(10));
    }
  }

  @Test
  void marksAreKeptForTheAnalysisWindowOnlyAndUnmarkedMinutesStayUnflagged() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(Traces.START), ZoneOffset.UTC);
    long now = Traces.START / 60_000;
    ActivityRecorder recorder = new ActivityRecorder(5);
    try (InputSampler sampler = InputSampler.start(replaying(List.of()), clock, recorder)) {
      for (long m = now - 10_000; m <= now; m += 2) {
        sampler.markRemoteSession(m);
      }
      assertThat(recorder.remoteSessionMinutes()).hasSizeLessThanOrEqualTo(16).allMatch(m -> m >= now - 30);
      assertThat(sampler.snapshot().activity().minutes()).extracting(InputMinute::remoteSession)
          .containsExactly(true, false, true, false, true);
    }
  }

  /** A source that hands over a recorded trace at start. */
  private static InputSource replaying(List<InputEvent> events) {
    return new InputSource() {
      @Override
      public String name() {
        return "replay";
      }

      @Override
      public void start(java.util.function.Consumer<InputEvent> sink) {
        events.forEach(sink);
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void anUnavailableSourceIsReportedWithItsReason() {
    Clock clock = Clock.systemUTC();
    try (InputSampler sampler = InputSampler.start(new X11InputSource(":988"), clock, new ActivityRecorder(5))) {
      Report report = new ReportAssembler(clock, Platform.forThisMachine().probes(false, clock),
          DetectorFactory.create(List.of(), List.of()), sampler, null).assemble(null, 1);
      assertThat(report.input()).isNull();
      assertThat(report.unavailable()).anySatisfy(u -> {
        assertThat(u.field()).isEqualTo("input");
        assertThat(u.reason()).contains(":988");
      });
    }
  }
}
