package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.helper.SessionMessage;
import java.time.Instant;
import java.util.List;

/**
 * What the service knows of one user's session helper.
 *
 * @param connectedAt when its latest connection was admitted
 * @param leftAt when that connection ended, or null while it lasts
 * @param source the helper's sampler, e.g. {@code x11-xinput2}; null until it sent a message
 * @param unavailable why the helper cannot sample there, or null
 * @param heardAt when its last message came, or null before the first
 */
public record HelperState(
    String user, Instant connectedAt, Instant leftAt, String source, List<String> keyboardLayouts,
    List<String> inputMethods, String unavailable, Instant heardAt) {

  static HelperState joined(String user, Instant at) {
    return new HelperState(user, at, null, null, List.of(), List.of(), null, null);
  }

  /** Connected again: what it said before still describes the session until it says more. */
  HelperState rejoined(Instant at) {
    return new HelperState(user, at, null, source, keyboardLayouts, inputMethods, unavailable, heardAt);
  }

  HelperState heard(SessionMessage m, Instant at) {
    return new HelperState(user, connectedAt, leftAt, m.source(), m.keyboardLayouts(), m.inputMethods(),
        m.unavailable(), at);
  }

  HelperState left(Instant at) {
    return new HelperState(user, connectedAt, at, source, keyboardLayouts, inputMethods, unavailable, heardAt);
  }

  /** The same as {@code other} but for when it was last heard: nothing a reader of the state would see change. */
  boolean sameAs(HelperState other) {
    return other != null && equals(new HelperState(other.user, other.connectedAt, other.leftAt, other.source,
        other.keyboardLayouts, other.inputMethods, other.unavailable, heardAt));
  }
}
