package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.input.source.InputEvent;

/**
 * What the low-level hooks report, reduced to FarmWatch's input events. Windows sets
 * {@code LLKHF_INJECTED} / {@code LLMHF_INJECTED} on events that software injected
 * ({@code SendInput}, remote-desktop tools); only those flags and the message type are used.
 */
public final class HookEvents {

  static final int WM_KEYDOWN = 0x0100;
  static final int WM_SYSKEYDOWN = 0x0104;
  static final int WM_MOUSEMOVE = 0x0200;
  static final int WM_LBUTTONDOWN = 0x0201;
  static final int WM_RBUTTONDOWN = 0x0204;
  static final int WM_MBUTTONDOWN = 0x0207;
  static final int WM_MOUSEWHEEL = 0x020A;
  static final int LLKHF_INJECTED = 0x10;
  static final int LLMHF_INJECTED = 0x01;

  private HookEvents() {}

  /** A keyboard hook message, or null for messages that do not count (key releases). */
  public static InputEvent keyboard(int message, int flags, long epochMillis) {
    if (message != WM_KEYDOWN && message != WM_SYSKEYDOWN) {
      return null;
    }
    return new InputEvent(epochMillis, InputEvent.Kind.KEY, (flags & LLKHF_INJECTED) != 0);
  }

  /** A mouse hook message, or null for messages that do not count (button releases). */
  public static InputEvent mouse(int message, int flags, long epochMillis) {
    return switch (message) {
      case WM_MOUSEMOVE, WM_LBUTTONDOWN, WM_RBUTTONDOWN, WM_MBUTTONDOWN, WM_MOUSEWHEEL ->
          new InputEvent(epochMillis, InputEvent.Kind.POINTER, (flags & LLMHF_INJECTED) != 0);
      default -> null;
    };
  }
}
