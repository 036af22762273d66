package io.farmwatch.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.platform.macos.IdleTransitions;
import io.farmwatch.agent.platform.windows.HookEvents;
import org.junit.jupiter.api.Test;

/**
 * The platform-neutral logic of the Windows and macOS sources, on recorded hook messages and idle
 * readings (the hooks and CoreGraphics themselves cannot run on this Linux build machine).
 */
class PlatformInputLogicTest {

  @Test
  void windowsHooksCountPressesAndTellInjectedFromPhysical() {
    // WM_KEYDOWN with LLKHF_INJECTED (0x10), as SendInput produces; WM_KEYUP is not counted.
    assertThat(HookEvents.keyboard(0x0100, 0x10, 5).synthetic()).isTrue();
    assertThat(HookEvents.keyboard(0x0100, 0x00, 5).synthetic()).isFalse();
    assertThat(HookEvents.keyboard(0x0101, 0x00, 5)).isNull();
    // WM_MOUSEMOVE with LLMHF_INJECTED (0x01); WM_LBUTTONUP is not counted.
    assertThat(HookEvents.mouse(0x0200, 0x01, 5).synthetic()).isTrue();
    assertThat(HookEvents.mouse(0x0201, 0x00, 5).kind()).isEqualTo(InputEvent.Kind.POINTER);
    assertThat(HookEvents.mouse(0x0202, 0x00, 5)).isNull();
    // LLMHF_LOWER_IL_INJECTED (0x02) alone is not the injected bit.
    assertThat(HookEvents.mouse(0x0200, 0x02, 5).synthetic()).isFalse();
  }

  @Test
  void macIdleReadingsBecomeEventsAndPostedInputIsSynthetic() {
    // A key typed on the hardware 0.3 s ago: physical.
    var typed = IdleTransitions.events(0.3, 0.3, 40, 40, 1.0, 10_000);
    assertThat(typed).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(InputEvent.Kind.KEY);
      assertThat(e.synthetic()).isFalse();
      assertThat(e.epochMillis()).isEqualTo(9_700);
    });
    // The session saw pointer movement the hardware did not: posted by software.
    var posted = IdleTransitions.events(120, 120, 95, 0.2, 1.0, 10_000);
    assertThat(posted).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(InputEvent.Kind.POINTER);
      assertThat(e.synthetic()).isTrue();
    });
    assertThat(IdleTransitions.events(5, 5, 5, 5, 1.0, 10_000)).isEmpty();
  }
}
