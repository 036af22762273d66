package io.farmwatch.agent.platform.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.util.function.Consumer;

/**
 * macOS: polls {@code CGEventSourceSecondsSinceLastEventType} once a second for the HID system
 * state and the combined session state. Needs no Input Monitoring permission: it sees only idle
 * times, never events, so at most one key and one pointer event per second are counted.
 */
public final class MacIdleInputSource implements InputSource {

  static final int COMBINED_SESSION_STATE = 0;
  static final int HID_SYSTEM_STATE = 1;
  static final int KEY_DOWN = 10;
  static final int MOUSE_MOVED = 5;
  static final double POLL_SECONDS = 1.0;

  /** CoreGraphics, bound with JNA. */
  interface CoreGraphics extends Library {
    double CGEventSourceSecondsSinceLastEventType(int stateId, int eventType);
  }

  private volatile boolean running;
  private Thread thread;

  @Override
  public String name() {
    return "macos-cgeventsource";
  }

  @Override
  public void start(Consumer<InputEvent> events) throws SourceUnavailableException {
    CoreGraphics cg;
    try {
      cg = Native.load("CoreGraphics", CoreGraphics.class);
    } catch (UnsatisfiedLinkError e) {
      throw new SourceUnavailableException("CoreGraphics is not available: " + e.getMessage());
    }
    running = true;
    thread = new Thread(() -> {
      while (running) {
        IdleTransitions.events(
            cg.CGEventSourceSecondsSinceLastEventType(HID_SYSTEM_STATE, KEY_DOWN),
            cg.CGEventSourceSecondsSinceLastEventType(COMBINED_SESSION_STATE, KEY_DOWN),
            cg.CGEventSourceSecondsSinceLastEventType(HID_SYSTEM_STATE, MOUSE_MOVED),
            cg.CGEventSourceSecondsSinceLastEventType(COMBINED_SESSION_STATE, MOUSE_MOVED),
            POLL_SECONDS, System.currentTimeMillis()).forEach(events);
        try {
          Thread.sleep((long) (POLL_SECONDS * 1000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "input-macos");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
