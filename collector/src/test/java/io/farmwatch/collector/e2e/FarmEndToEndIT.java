package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product on a simulated internet: homes are network namespaces with NAT routers, their
 * laptops run the real agent, enrolled with the real collector. A farm home is flagged as one
 * LAPTOP_FARM alert naming exactly its laptops; single-laptop homes and a declared office are not.
 */
class FarmEndToEndIT {

  static final Path AGENT_JAR = Path.of("../agent/target/farmwatch-agent.jar").toAbsolutePath();
  static final Path COLLECTOR_JAR = Path.of("target/farmwatch-collector.jar").toAbsolutePath();
  static final String URL = "http://" + NetnsLab.COLLECTOR_ADDRESS + ":8470";

  @TempDir Path tmp;

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  @Test
  void aFarmHomeIsOneAlertAndSingleHomesAndTheOfficeAreNone() throws Exception {
    Path data = tmp.resolve("collector");
    String token = lastLine(run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "token", "create",
        "--data", data.toString(), "--uses", "20")));
    String key = lastLine(run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "apikey", "create",
        "--data", data.toString(), "--role", "analyst", "--name", "e2e-analyst")));

    try (NetnsLab lab = new NetnsLab("fwe2e")) {
      NetnsLab.Home farm = lab.addHome("farm", 1, 3);
      NetnsLab.Home single1 = lab.addHome("solo1", 2, 1);
      NetnsLab.Home single2 = lab.addHome("solo2", 3, 1);
      NetnsLab.Home office = lab.addHome("office", 4, 3);
      Process collector = lab.spawn(lab.internet(), List.of(java(), "-jar", COLLECTOR_JAR.toString(), "serve",
          "--data", data.toString(), "--listen", NetnsLab.COLLECTOR_ADDRESS + ":8470", "--allow-plain-http",
          "--office-gateway-mac", office.gatewayMac(), "--sink-jsonl", tmp.resolve("alerts.jsonl").toString()),
          tmp.resolve("collector.log"));
      try {
        NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "listening on");
        Map<String, String> deviceOfLaptop = new HashMap<>();
        for (NetnsLab.Home home : List.of(farm, single1, single2, office)) {
          for (String laptop : home.laptops()) {
            Path state = tmp.resolve("state-" + laptop);
            lab.exec(laptop, java(), "-jar", AGENT_JAR.toString(), "enroll", "--collector", URL, "--token", token,
                "--state", state.toString(), "--allow-plain-http");
            lab.exec(laptop, java(), "-jar", AGENT_JAR.toString(), "run", "--once", "--state", state.toString());
            deviceOfLaptop.put(laptop, Files.readString(state.resolve("device.id")).strip());
          }
        }
        Set<String> farmDevices = new TreeSet<>();
        farm.laptops().forEach(l -> farmDevices.add(deviceOfLaptop.get(l)));

        List<JsonNode> farmAlerts = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && farmAlerts.isEmpty(); attempt++) {
          Thread.sleep(200);
          JsonNode alerts = ProtocolJson.mapper().readTree(lab.exec(lab.internet(), "curl", "-s",
              "-H", "Authorization: Bearer " + key, URL + "/api/v1/alerts?limit=1000")).get("alerts");
          farmAlerts.clear();
          alerts.forEach(a -> {
            if (a.get("kind").asText().equals("LAPTOP_FARM")) {
              farmAlerts.add(a);
            }
          });
        }
        assertThat(farmAlerts).hasSize(1);
        JsonNode alert = farmAlerts.get(0);
        Set<String> named = new TreeSet<>();
        alert.get("deviceIds").forEach(d -> named.add(d.asText()));
        assertThat(named).isEqualTo(farmDevices);
        assertThat(alert.get("severity").asText()).isIn("MEDIUM", "HIGH", "CRITICAL");
        assertThat(alert.get("summary").asText()).contains("gateway MAC " + farm.gatewayMac());
        assertThat(alert.get("evidence").toString()).contains("SAME_GATEWAY_MAC").contains(farm.egressAddress());

        String sunk = "";
        for (int attempt = 0; attempt < 50 && !sunk.contains(alert.get("id").asText()); attempt++) {
          Thread.sleep(100);
          sunk = Files.exists(tmp.resolve("alerts.jsonl")) ? Files.readString(tmp.resolve("alerts.jsonl")) : "";
        }
        assertThat(sunk).as("the JSON-lines sink got the alert too").contains(alert.get("id").asText());

        JsonNode machines = ProtocolJson.mapper().readTree(lab.exec(lab.internet(), "curl", "-s",
            "-H", "Authorization: Bearer " + key, URL + "/api/v1/machines")).get("machines");
        assertThat(machines).hasSize(8);
        for (JsonNode m : machines) {
          if (farmDevices.contains(m.get("deviceId").asText())) {
            assertThat(m.get("lastEgress").asText()).isEqualTo(farm.egressAddress());
            assertThat(m.at("/summary/gatewayMacs/0").asText()).isEqualTo(farm.gatewayMac());
          }
        }
      } finally {
        collector.destroy();
        collector.waitFor();
      }
    }
  }
}
