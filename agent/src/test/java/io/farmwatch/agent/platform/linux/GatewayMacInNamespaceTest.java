package io.farmwatch.agent.platform.linux;

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
 * A laptop namespace behind a router namespace whose MAC we choose: the agent, run inside the
 * laptop namespace, reports that gateway and that MAC, as {@code ip neigh} does.
 */
class GatewayMacInNamespaceTest {

  static final String LAPTOP = "probes-laptop";
  static final String ROUTER = "probes-router";
  static final String ROUTER_MAC = "02:aa:bb:cc:dd:01";

  @AfterEach
  void cleanUp() throws Exception {
    for (String ns : List.of(LAPTOP, ROUTER)) {
      deleteNamespace(ns);
    }
  }

  @Test
  void reportsTheGatewayMacFromTheNeighbourTable() throws Exception {
    cleanUp();
    run("ip", "netns", "add", LAPTOP);
    run("ip", "netns", "add", ROUTER);
    run("ip", "link", "add", "probesl0", "type", "veth", "peer", "name", "probesr0");
    run("ip", "link", "set", "probesl0", "netns", LAPTOP, "name", "eth0");
    run("ip", "link", "set", "probesr0", "netns", ROUTER, "name", "lan0");
    run("ip", "-n", ROUTER, "link", "set", "lan0", "address", ROUTER_MAC, "up");
    run("ip", "-n", ROUTER, "addr", "add", "10.77.0.1/24", "dev", "lan0");
    run("ip", "-n", LAPTOP, "link", "set", "eth0", "up");
    run("ip", "-n", LAPTOP, "link", "set", "lo", "up");
    run("ip", "-n", LAPTOP, "addr", "add", "10.77.0.2/24", "dev", "eth0");
    run("ip", "-n", LAPTOP, "route", "add", "default", "via", "10.77.0.1");
    run("ip", "netns", "exec", LAPTOP, "ping", "-c", "1", "-W", "2", "10.77.0.1");

    JsonNode report = ProtocolJson.mapper().readTree(agentInNamespace(LAPTOP, "scan", "--format", "json"));

    JsonNode gateway = report.at("/network/defaultGateways/0");
    assertThat(gateway.get("address").asText()).isEqualTo("10.77.0.1");
    assertThat(gateway.get("interfaceName").asText()).isEqualTo("eth0");
    assertThat(gateway.get("mac").asText()).isEqualTo(ROUTER_MAC);
    JsonNode neigh = ProtocolJson.mapper().readTree(run("ip", "-n", LAPTOP, "-j", "neigh", "show", "10.77.0.1"));
    assertThat(neigh.get(0).get("lladdr").asText()).isEqualTo(ROUTER_MAC);
  }
}
