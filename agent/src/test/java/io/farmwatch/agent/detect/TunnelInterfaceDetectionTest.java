package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.agent.cli.AgentMain;
import io.farmwatch.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real tun interface carrying the default route, inside a network namespace of the test's own
 * so the machine's real routing is untouched; the agent runs inside it.
 */
class TunnelInterfaceDetectionTest {

  static final String NS = "detect-vpn";

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError(String.join(" ", command) + ": " + out);
    }
    return out;
  }

  @AfterEach
  void cleanUp() throws Exception {
    new ProcessBuilder("ip", "netns", "del", NS).start().waitFor();
  }

  @Test
  void defaultRouteThroughATunIsAVpnFinding() throws Exception {
    cleanUp();
    run("ip", "netns", "add", NS);
    run("ip", "-n", NS, "tuntap", "add", "dev", "tun7", "mode", "tun");
    run("ip", "-n", NS, "addr", "add", "10.99.0.2/24", "dev", "tun7");
    run("ip", "-n", NS, "link", "set", "tun7", "up");
    run("ip", "-n", NS, "route", "add", "default", "dev", "tun7");

    JsonNode findings = ProtocolJson.mapper().readTree(run("ip", "netns", "exec", NS,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), AgentMain.class.getName(), "scan", "--section", "findings"));
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
