package io.farmwatch.agent.platform.windows.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionPipeTest {

  @Test
  void eachSessionHasItsOwnPipeInTheLocalPipeNamespace() {
    assertThat(SessionPipe.name(1)).isEqualTo("\\\\.\\pipe\\farmwatch-session-1");
    assertThat(SessionPipe.name(0)).isNotEqualTo(SessionPipe.name(2));
  }

  @Test
  void aNegativeSessionIdIsNoSession() {
    assertThatThrownBy(() -> SessionPipe.name(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
