package io.farmwatch.agent.helper.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.input.series.ActivityRecorder;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.locale.CommandLocaleProbe;
import io.farmwatch.agent.probe.locale.InputSources;
import io.farmwatch.protocol.report.LocaleInfo;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's layouts come from the user's session helper once it has reported them, not from the
 * service's own account (the SYSTEM service read its own HKCU and missed the employee's Korean IME).
 */
class HelperLocaleProbeTest {

  private final SessionIntake intake =
      new SessionIntake(() -> new ActivityRecorder(60), Clock.systemUTC(), 60, states -> {});
  private final SessionGate gate = new SessionGate(user -> true);

  /** What a connected helper of {@code user} says. */
  private void heard(String user, SessionMessage message) throws Exception {
    intake.joined(gate.admit(new PeerIdentity(user, null)));
    intake.accept(user, message);
  }

  @Test
  void theServicesOwnReadingWhileNoHelperReported() {
    ProbeResult<LocaleInfo> result = new HelperLocaleProbe(service(true), intake::latest).collect();

    assertThat(result.value().keyboardLayouts()).containsExactly("00000409");
    assertThat(result.value().layoutsFrom()).isNull();
  }

  @Test
  void theHelpersLayoutsAndInputMethodsReplaceTheServicesMarkedAsSuch() throws Exception {
    heard("CORP\\minji", message(List.of("00000412"), List.of("Microsoft IME (Korean)")));

    ProbeResult<LocaleInfo> result = new HelperLocaleProbe(service(true), intake::latest).collect();

    assertThat(result.value().keyboardLayouts()).containsExactly("00000412");
    assertThat(result.value().inputMethods()).containsExactly("Microsoft IME (Korean)");
    assertThat(result.value().layoutsFrom()).isEqualTo(LocaleInfo.FROM_SESSION_HELPER);
    assertThat(result.value().timezone()).isNotNull(); // the rest stays the service's reading
  }

  @Test
  void theServicesFailedReadIsNoLongerReportedOnceTheHelperGaveTheLayouts() throws Exception {
    ProbeResult<LocaleInfo> before = new HelperLocaleProbe(service(false), intake::latest).collect();
    assertThat(before.unavailable()).extracting(u -> u.field()).contains("locale.keyboardLayouts");

    heard("alice", message(List.of("com.apple.keylayout.US"), List.of()));
    ProbeResult<LocaleInfo> after = new HelperLocaleProbe(service(false), intake::latest).collect();

    assertThat(after.unavailable()).extracting(u -> u.field()).doesNotContain("locale.keyboardLayouts");
    assertThat(after.value().keyboardLayouts()).containsExactly("com.apple.keylayout.US");
  }

  @Test
  void aHelperThatReadNoLayoutsLeavesTheServicesReading() throws Exception {
    heard("alice", new SessionMessage(SessionLimits.VERSION, "x11-xinput2", List.of(), List.of(), List.of(),
        "no DISPLAY: not a graphical session"));

    ProbeResult<LocaleInfo> result = new HelperLocaleProbe(service(true), intake::latest).collect();

    assertThat(result.value().keyboardLayouts()).containsExactly("00000409");
    assertThat(result.value().layoutsFrom()).isNull();
  }

  private static SessionMessage message(List<String> layouts, List<String> methods) {
    return new SessionMessage(SessionLimits.VERSION, "windows-hooks", List.of(), layouts, methods, null);
  }

  /** The service's own reading: the reg query of SYSTEM's HKCU, US English, or failing. */
  private static CommandLocaleProbe service(boolean ok) {
    CommandRunner runner = new CommandRunner() {
      @Override
      public Output run(List<String> command, boolean withStderr) {
        return ok ? new Output(true, "us", null) : new Output(false, "", "reg is not installed or cannot run");
      }
    };
    return new CommandLocaleProbe(runner, List.of("reg", "query", "HKCU\\Keyboard Layout\\Preload"),
        out -> new InputSources(List.of("00000409"), List.of()));
  }
}
