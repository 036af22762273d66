package io.farmwatch.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.input.source.InputEvent;
import org.junit.jupiter.api.Test;

/** The Windows source's logic on recorded hook messages (the hooks themselves cannot run on Linux). */
class HookEventsTest {
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
}
