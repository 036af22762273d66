package io.farmwatch.agent.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.platform.linux.X11InputSource;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
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
