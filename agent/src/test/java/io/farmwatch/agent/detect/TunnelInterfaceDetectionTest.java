package io.farmwatch.agent.detect;

import static io.farmwatch.agent.testing.Commands.agentInNamespace;
import static io.farmwatch.agent.testing.Commands.deleteNamespace;
import static io.farmwatch.agent.testing.Commands.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real tun interface carrying the default route, inside a network namespace of the test's own
 * so the machine's real routing is untouched; the agent runs inside it.
 */
class TunnelInterfaceDetectionTest {

  static final String NS = "detect-vpn";

  @AfterEach
  void cleanUp() throws Exception {
    deleteNamespace(NS);
  }

  @Test
  void defaultRouteThroughATunIsAVpnFinding() throws Exception {
    cleanUp();
    run("ip", "netns", "add", NS);
    run("ip", "-n", NS, "tuntap", "add", "dev", "tun7", "mode", "tun");
    run("ip", "-n", NS, "addr", "add", "10.99.0.2/24", "dev", "tun7");
    run("ip", "-n", NS, "link", "set", "tun7", "up");
    run("ip", "-n", NS, "route", "add", "default", "dev", "tun7");

    JsonNode findings = ProtocolJson.mapper().readTree(agentInNamespace(NS, "scan", "--section", "findings"));
    JsonNode vpn = null;
    for (JsonNode f : findings) {
      if (f.get("kind").asText().equals("VPN") && f.at("/evidence/interface").asText().equals("tun7")) {
        vpn = f;
      }
    }
    assertThat(vpn).as(findings.toString()).isNotNull();
    assertThat(vpn.at("/evidence/type").asText()).isEqualTo("tun");
    assertThat(vpn.at("/evidence/defaultRoute").asBoolean()).isTrue();
    assertThat(vpn.get("severity").asText()).isEqualTo("MEDIUM");
    assertThat(vpn.at("/evidence/addresses/0").asText()).isEqualTo("10.99.0.2/24");
    assertThat(List.of(vpn.get("reason").asText())).allMatch(r -> r.contains("default route"));
  }
}
