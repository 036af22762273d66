package io.farmwatch.agent.input.analysis;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Findings from input timing: jigglers, injected input, input only while a remote session is open. */
public final class InputFindings {

  static final int MIN_EVENTS_FOR_SHARE = 20;
  static final double SYNTHETIC_SHARE = 0.5;
  static final int MIN_ACTIVE_MINUTES = 10;
  static final double REMOTE_ONLY_SHARE = 0.9;

  private InputFindings() {}

  /**
   * @param events the analysis window, oldest first
   * @param remoteSessionMinutes epoch minutes in which a remote-access session was open
   */
  public static List<Finding> analyse(List<InputEvent> events, Set<Long> remoteSessionMinutes) {
    List<Finding> out = new ArrayList<>();
    JigglerDetector.analyse(events).ifPresent(v -> out.add(new Finding(FindingKind.MOUSE_JIGGLER,
        "periodic pointer movement", Severity.HIGH,
        evidence("periodSeconds", round(v.periodSeconds()), "bursts", v.bursts(),
            "coefficientOfVariation", round(v.coefficientOfVariation())),
        String.format("the pointer moved every %.1f s, regular to within %.0f %%, and nothing was typed:"
            + " a mouse jiggler keeping the session awake", v.periodSeconds(), v.coefficientOfVariation() * 100))));
    long synthetic = events.stream().filter(InputEvent::synthetic).count();
    if (events.size() >= MIN_EVENTS_FOR_SHARE && synthetic >= events.size() * SYNTHETIC_SHARE) {
      out.add(new Finding(FindingKind.SYNTHETIC_INPUT, "injected input", Severity.HIGH,
          evidence("syntheticEvents", synthetic, "events", events.size()),
          synthetic + " of " + events.size() + " input events were injected by software (remote control or"
              + " automation), not typed or moved on a local device"));
    }
    Set<Long> active = new java.util.TreeSet<>();
    events.forEach(e -> active.add(e.epochMillis() / 60_000));
    long during = active.stream().filter(remoteSessionMinutes::contains).count();
    if (active.size() >= MIN_ACTIVE_MINUTES && during >= active.size() * REMOTE_ONLY_SHARE) {
      out.add(new Finding(FindingKind.REMOTE_SESSION, "input only during remote sessions", Severity.HIGH,
          evidence("activeMinutes", active.size(), "activeMinutesInRemoteSessions", during),
          during + " of " + active.size() + " active minutes fell inside remote-access sessions: the laptop is"
              + " used through the remote session, not by someone sitting at it"));
    }
    return out;
  }

  private static Map<String, Object> evidence(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }
}
