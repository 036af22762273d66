package io.farmwatch.agent.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {

  @Test
  void controlsLineSeparatorsAndBidiOverridesAreEscapedAndLengthBounded() {
    assertThat(Untrusted.text("a\nb\r\u0000\u001b[2J\u0085\u2028\u2029\u202e\u2066z", 100))
        .isEqualTo("a\\u000ab\\u000d\\u0000\\u001b[2J\\u0085\\u2028\\u2029\\u202e\\u2066z");
    assertThat(Untrusted.text("x".repeat(1000), 10)).isEqualTo("xxxxxxxxxx...(1000 chars)");
    assertThat(Untrusted.text("plain café", 100)).isEqualTo("plain café");
    assertThat(Untrusted.text(null, 10)).isNull();
  }
}
