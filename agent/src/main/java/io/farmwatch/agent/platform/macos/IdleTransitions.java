package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.input.source.InputEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * macOS reports, per event type, the seconds since the last such event, for the hardware (HID)
 * state and for the whole session. Polled once a second: an event type whose idle time dropped
 * below the poll interval had activity; if the session saw it but the hardware did not, software
 * posted it (remote control, automation).
 */
public final class IdleTransitions {

  private IdleTransitions() {}

  /**
   * @param hidKey seconds since the last key down on hardware
   * @param sessionKey seconds since the last key down in the session (hardware or posted)
   * @param hidPointer seconds since the last pointer event on hardware
   * @param sessionPointer seconds since the last pointer event in the session
   * @param pollSeconds the polling interval
   */
  public static List<InputEvent> events(double hidKey, double sessionKey, double hidPointer, double sessionPointer,
      double pollSeconds, long nowMillis) {
    List<InputEvent> out = new ArrayList<>(2);
    if (sessionKey < pollSeconds) {
      out.add(new InputEvent(nowMillis - (long) (sessionKey * 1000), InputEvent.Kind.KEY, hidKey >= pollSeconds));
    }
    if (sessionPointer < pollSeconds) {
      out.add(new InputEvent(nowMillis - (long) (sessionPointer * 1000), InputEvent.Kind.POINTER,
          hidPointer >= pollSeconds));
    }
    return out;
  }
}
