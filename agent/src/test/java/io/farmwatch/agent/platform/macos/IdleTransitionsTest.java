package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.input.source.InputEvent;
import org.junit.jupiter.api.Test;

/** The macOS source's logic on recorded idle readings (CoreGraphics cannot run on Linux). */
class IdleTransitionsTest {
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
