package io.farmwatch.protocol.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolJson;
import org.junit.jupiter.api.Test;

/** A minute without a remote session leaves the flag out, and the collector must read it back. */
class InputMinuteJsonTest {

  @Test
  void aMinuteWithoutARemoteSessionRoundTrips() throws Exception {
    String json = ProtocolJson.mapper().writeValueAsString(new InputMinute(12, 3, 40, 0));
    assertThat(json).doesNotContain("remoteSession");
    assertThat(ProtocolJson.mapper().readValue(json, InputMinute.class)).isEqualTo(new InputMinute(12, 3, 40, 0));
  }

  @Test
  void aMarkedMinuteKeepsItsMark() throws Exception {
    InputMinute marked = new InputMinute(0, 0, 0, 0, true);
    String json = ProtocolJson.mapper().writeValueAsString(marked);
    assertThat(json).contains("\"remoteSession\":true");
    assertThat(ProtocolJson.mapper().readValue(json, InputMinute.class)).isEqualTo(marked);
  }
}
