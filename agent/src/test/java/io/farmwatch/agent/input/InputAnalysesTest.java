package io.farmwatch.agent.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.input.analysis.InputFindings;
import io.farmwatch.agent.input.analysis.JigglerDetector;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.protocol.report.FindingKind;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The analyses on generated traces, with the error rates they reach (also stated in docs/input.md). */
class InputAnalysesTest {

  static final long[] PERIODS = {3_000, 10_000, 30_000, 60_000, 120_000};
  static final double[] JITTERS = {0.0, 0.05, 0.1, 0.15};

  @Test
  void jigglersAreToldApartFromPeopleWithinStatedErrorRates() {
    Random r = new Random(20261124);
    int people = 600;
    int falsePositives = 0;
    for (int i = 0; i < people; i++) {
      List<InputEvent> trace = i % 2 == 0 ? Traces.worker(r, false) : Traces.reader(r);
      falsePositives += JigglerDetector.analyse(trace).isPresent() ? 1 : 0;
    }
    int jigglers = 0;
    int missed = 0;
    for (long period : PERIODS) {
      for (double jitter : JITTERS) {
        for (int k = 0; k < 30; k++) {
          jigglers++;
          var verdict = JigglerDetector.analyse(Traces.jiggler(r, period, jitter, false));
          if (verdict.isEmpty()) {
            missed++;
          } else {
            assertThat(verdict.get().periodSeconds()).isCloseTo(period / 1000.0,
                org.assertj.core.data.Percentage.withPercentage(20));
          }
        }
      }
    }
    double fpRate = (double) falsePositives / people;
    double fnRate = (double) missed / jigglers;
    System.out.printf("jiggler detector: false positives %d/%d (%.3f), false negatives %d/%d (%.3f)%n",
        falsePositives, people, fpRate, missed, jigglers, fnRate);
    assertThat(fpRate).isLessThanOrEqualTo(0.01);
    assertThat(fnRate).isLessThanOrEqualTo(0.05);
  }

  @Test
  void injectedInputAndInputOnlyDuringRemoteSessionsBecomeFindings() {
    Random r = new Random(7);
    List<InputEvent> remote = Traces.worker(r, true);
    Set<Long> sessionMinutes = new HashSet<>();
    remote.forEach(e -> sessionMinutes.add(e.epochMillis() / 60_000));
    var findings = InputFindings.analyse(remote, sessionMinutes);
    assertThat(findings).extracting(f -> f.kind())
        .contains(FindingKind.SYNTHETIC_INPUT, FindingKind.REMOTE_SESSION)
        .doesNotContain(FindingKind.MOUSE_JIGGLER);

    List<InputEvent> local = Traces.worker(r, false);
    assertThat(InputFindings.analyse(local, Set.of())).isEmpty();
  }

  @Test
  void theRecorderKeepsCountsPerMinuteAndNeverKeysOrPositions() {
    ActivityRecorder recorder = new ActivityRecorder(5);
    long minute = Traces.START / 60_000;
    long t0 = minute * 60_000;
    recorder.accept(new InputEvent(t0 + 1_000, InputEvent.Kind.KEY, false));
    recorder.accept(new InputEvent(t0 + 1_500, InputEvent.Kind.KEY, false));
    recorder.accept(new InputEvent(t0 + 9_000, InputEvent.Kind.POINTER, true));
    recorder.accept(new InputEvent(t0 + 125_000, InputEvent.Kind.POINTER, false));
    var series = recorder.series("test", Instant.ofEpochMilli(t0 + 130_000));
    assertThat(series.minutes()).hasSize(5);
    var first = series.minutes().get(2);
    assertThat(first.activeSeconds()).isEqualTo(2);
    assertThat(first.keyEvents()).isEqualTo(2);
    assertThat(first.pointerEvents()).isEqualTo(1);
    assertThat(first.syntheticEvents()).isEqualTo(1);
    assertThat(series.minutes().get(3).activeSeconds()).isZero();
    assertThat(series.minutes().get(4).pointerEvents()).isEqualTo(1);
    assertThat(series.activeMinutesByHourUtc().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    assertThat(InputEvent.class.getRecordComponents()).extracting(c -> c.getName())
        .containsExactly("epochMillis", "kind", "synthetic");
  }
}
