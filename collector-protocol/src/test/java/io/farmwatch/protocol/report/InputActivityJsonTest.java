package io.farmwatch.protocol.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input series as the agent writes it reads back the same at the collector. */
class InputActivityJsonTest {

  @Test
  void aSeriesWithTheSessionUserAndMinutesWithoutARemoteSessionRoundTrips() throws Exception {
    InputActivity activity = new InputActivity("x11-xinput2", Instant.parse("2026-12-02T04:00:00Z"),
        List.of(new InputMinute(3, 1, 2, 3), new InputMinute(0, 0, 0, 0, true)), List.of(1, 2), "alice");
    String json = ProtocolJson.mapper().writeValueAsString(activity);

    assertThat(json).contains("\"sessionUser\":\"alice\"").containsOnlyOnce("remoteSession");
    assertThat(ProtocolJson.mapper().readValue(json, InputActivity.class)).isEqualTo(activity);
  }

  @Test
  void aSeriesTheServiceSampledItselfHasNoSessionUser() throws Exception {
    String json = ProtocolJson.mapper().writeValueAsString(
        new InputActivity("evdev", Instant.parse("2026-12-02T04:00:00Z"), List.of(), List.of()));

    assertThat(json).doesNotContain("sessionUser");
  }
}
