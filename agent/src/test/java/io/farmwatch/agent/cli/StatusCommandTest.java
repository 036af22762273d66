package io.farmwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionMessage;
import io.farmwatch.agent.helper.service.HelperState;
import io.farmwatch.agent.helper.service.PeerIdentity;
import io.farmwatch.agent.helper.service.SessionGate;
import io.farmwatch.agent.helper.service.SessionIntake;
import io.farmwatch.agent.runtime.status.HelperStatusStore;
import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.protocol.ProtocolJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code status} shows beside the run loop's record: the session helpers and what silent enrollment lacks. */
class StatusCommandTest {

  static final Instant T = Instant.parse("2026-12-02T08:00:00Z");
  final Clock clock = Clock.fixed(T, ZoneOffset.UTC);

  @TempDir Path state;

  private String status(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("status", "--state", state.toString()));
    args.addAll(List.of(more));
    AgentCli.Result r = AgentCli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  @Test
  void showsEachHelperTheServiceHearsFromOrWhyItCannotSample() throws Exception {
    assertThat(status()).contains("session helpers:  none heard (the service lists them once it runs)\n");

    // The service's intake publishes to the state folder as RunCommand wires it.
    SessionIntake intake = new SessionIntake(() -> null, clock, 60, new HelperStatusStore(state, clock)::save);
    SessionGate gate = new SessionGate(user -> true);
    intake.joined(gate.admit(new PeerIdentity("alice", null)));
    intake.accept("alice", new SessionMessage(SessionLimits.VERSION, "x11-xinput2", List.of(), List.of("us", "de"),
        List.of("ibus:hangul"), null));
    intake.joined(gate.admit(new PeerIdentity("bob", null)));
    intake.accept("bob", new SessionMessage(SessionLimits.VERSION, "x11-xinput2", List.of(), List.of(), List.of(),
        "wayland: the compositor gives no client the session's input"));
    intake.left("bob");

    assertThat(status()).contains("session helpers:  2 (as of " + T + ")\n"
        + "  alice: connected since " + T + "; sampling with x11-xinput2; layouts us, de, input methods ibus:hangul\n"
        + "  bob: left at " + T + "; cannot sample: wayland: the compositor gives no client the session's input\n");
    JsonNode json = ProtocolJson.mapper().readTree(status("--format", "json"));
    assertThat(json.at("/sessionHelpers/helpers/0/user").asText()).isEqualTo("alice");
    assertThat(json.at("/sessionHelpers/helpers/1/unavailable").asText()).startsWith("wayland:");

    // The next run of the service starts with no helper: the last run's leave status.
    new SessionIntake(() -> null, clock, 60, new HelperStatusStore(state, clock)::save).republish();
    assertThat(status()).contains("session helpers:  none (as of " + T + ")\n");
  }

  @Test
  void whatAHelperSentIsShownEscaped() {
    new HelperStatusStore(state, clock).save(List.of(new HelperState("alice", T, null, "x11\u202e", List.of("us\u001b[2J"),
        List.of(), null, T)));

    assertThat(status()).contains("  alice: connected since " + T + "; sampling with x11\\u202e; layouts us\\u001b[2J\n");
  }

  @Test
  void notEnrolledItNamesWhatTheSettingsFileLacks() throws Exception {
    Path settings = state.resolve("agent.env");
    Files.writeString(settings, "FARMWATCH_COLLECTOR_URL=https://collector.example.com\n");

    assertThat(status("--settings", settings.toString()))
        .contains("settings:         " + settings + " lacks: FARMWATCH_ENROLL_TOKEN FARMWATCH_PINNED_SHA256\n");
    JsonNode json = ProtocolJson.mapper().readTree(status("--settings", settings.toString(), "--format", "json"));
    assertThat(json.at("/settings/missing").toString()).isEqualTo("[\"FARMWATCH_ENROLL_TOKEN\",\"FARMWATCH_PINNED_SHA256\"]");

    Files.writeString(settings, "FARMWATCH_COLLECTOR_URL=http://10.0.0.5:8080\nFARMWATCH_ENROLL_TOKEN=t0k\n");
    assertThat(status("--settings", settings.toString())).contains("settings:         " + settings
        + " is complete; the service enrolls from it on its next check (each minute)\n");

    Files.writeString(settings, "#".repeat(20_000));
    assertThat(status("--settings", settings.toString())).contains("settings:         cannot read " + settings + ": ")
        .contains("is larger than 16384 bytes");

    assertThat(status()).as("off Windows the launcher names the gaps of /etc/farmwatch/agent.env").doesNotContain("settings:");
  }
}
