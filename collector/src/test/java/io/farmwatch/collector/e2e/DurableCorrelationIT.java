package io.farmwatch.collector.e2e;

import static io.farmwatch.collector.e2e.FarmEndToEndIT.java;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.lastLine;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.store.TestPostgres;
import io.farmwatch.protocol.ProtocolJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Correlation that outlives a collector: real agents in network-namespace homes, the real collector
 * jar restarted, a roster imported while it runs, and two collectors sharing one real PostgreSQL
 * with the correlating one killed outright.
 */
@ResourceLock(NetnsLab.HOST_LINK)
class DurableCorrelationIT {

  static final Path AGENT_JAR = FarmEndToEndIT.AGENT_JAR;
  static final Path COLLECTOR_JAR = FarmEndToEndIT.COLLECTOR_JAR;
  static final String URL = FarmEndToEndIT.URL;

  @TempDir Path tmp;

  @Test
  void aClosedFarmStaysOneClosedAlertAcrossARestartAndARosterImportNeedsNoRestart() throws Exception {
    Path data = tmp.resolve("collector");
    String token = cli("token", "create", "--data", data.toString(), "--uses", "20");
    String key = cli("apikey", "create", "--data", data.toString(), "--role", "analyst", "--name", "e2e");
    try (NetnsLab lab = new NetnsLab("fwdur")) {
      NetnsLab.Home farm = lab.addHome("farm", 1, 3);
      List<String> serve = List.of(java(), "-jar", COLLECTOR_JAR.toString(), "serve", "--data", data.toString(),
          "--listen", NetnsLab.COLLECTOR_ADDRESS + ":8470", "--allow-plain-http");
      Process collector = lab.spawn(lab.internet(), serve, tmp.resolve("collector.log"));
      Map<String, String> devices = new HashMap<>();
      String id;
      try {
        NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "listening on");
        for (String laptop : farm.laptops()) {
          devices.put(laptop, enrollAndReport(lab, laptop, URL, token));
        }
        JsonNode alert = awaitFarm(lab, URL, key, a -> a.get("deviceIds").size() == 3);
        id = alert.get("id").asText();

        // The roster, imported through the CLI while the collector runs, reaches the alert's text.
        Path roster = tmp.resolve("roster.csv");
        StringBuilder csv = new StringBuilder("device,employee,country,region,timezone\n");
        int n = 0;
        for (String device : new TreeSet<>(devices.values())) {
          csv.append(device).append(",Employee").append(n).append(",US,").append(n++ == 0 ? "TX" : "WA")
              .append(",America/Chicago\n");
        }
        Files.writeString(roster, csv);
        cli("roster", "import", roster.toString(), "--data", data.toString());
        JsonNode withRoster = awaitFarm(lab, URL, key, a -> a.get("summary").asText().contains("Employee0"));
        assertThat(withRoster.get("id").asText()).isEqualTo(id);
        assertThat(withRoster.get("summary").asText()).contains("claim 2 different locations");

        lab.exec(lab.internet(), "curl", "-sf", "-X", "PATCH", "-H", "Authorization: Bearer " + key,
            "-H", "Content-Type: application/json", "-d",
            "{\"status\":\"CLOSED_FALSE_POSITIVE\",\"comment\":\"three flatmates\"}", URL + "/api/v1/alerts/" + id);
      } finally {
        collector.destroy();
        collector.waitFor();
      }

      Process restarted = lab.spawn(lab.internet(), serve, tmp.resolve("collector2.log"));
      try {
        NetnsLabIT.waitForLog(tmp.resolve("collector2.log"), "correlating the fleet");
        for (String laptop : farm.laptops()) {
          report(lab, laptop);
        }
        // Every laptop reported again and was correlated (the runner polls each second).
        Thread.sleep(Duration.ofSeconds(5).toMillis());
        List<JsonNode> farms = farms(lab, URL, key);
        assertThat(farms).singleElement().satisfies(a -> {
          assertThat(a.get("id").asText()).isEqualTo(id);
          assertThat(a.get("status").asText()).isEqualTo("CLOSED_FALSE_POSITIVE");
        });
      } finally {
        restarted.destroy();
        restarted.waitFor();
      }
    }
  }

  @Test
  void twoCollectorsOnOnePostgresAreOneFleetAndTheSecondTakesOverWhenTheFirstIsKilled() throws Exception {
    String db = TestPostgres.freshDatabase();
    Path data = tmp.resolve("cli");
    String token = cli("token", "create", "--data", data.toString(), "--db", db, "--uses", "20");
    String key = cli("apikey", "create", "--data", data.toString(), "--db", db, "--role", "analyst", "--name", "e2e");
    String host = NetnsLab.INTERNET_PREFIX + "2";
    List<String> urls = List.of("http://" + host + ":8471", "http://" + host + ":8472");
    try (NetnsLab lab = new NetnsLab("fwpair")) {
      NetnsLab.Home farm = lab.addHome("farm", 1, 5);
      lab.linkHost(host);
      List<Process> collectors = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path log = tmp.resolve("collector" + i + ".log");
        collectors.add(new ProcessBuilder(java(), "-jar", COLLECTOR_JAR.toString(), "serve",
            "--data", tmp.resolve("data" + i).toString(), "--db", db, "--listen", host + ":" + (8471 + i),
            "--allow-plain-http", "--sink-jsonl", tmp.resolve("alerts" + i + ".jsonl").toString())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start());
      }
      try {
        for (int i = 0; i < 2; i++) {
          NetnsLabIT.waitForLog(tmp.resolve("collector" + i + ".log"), "listening on");
        }
        List<String> laptops = farm.laptops();
        for (int i = 0; i < 4; i++) {
          enrollAndReport(lab, laptops.get(i), urls.get(i % 2), token);
        }
        JsonNode alert = awaitFarm(lab, urls.get(0), key, a -> a.get("deviceIds").size() == 4);
        String id = alert.get("id").asText();
        assertThat(farms(lab, urls.get(1), key)).singleElement()
            .satisfies(a -> assertThat(a.get("id").asText()).isEqualTo(id));

        // The console signs in at one collector and is served by the other: no sticky sessions.
        String signIn = lab.exec(lab.internet(), "curl", "-s", "-i", "-H", "Content-Type: application/json",
            "--data", "{\"key\":\"" + key + "\"}", urls.get(0) + "/api/v1/session");
        Matcher cookie = Pattern.compile("(?im)^set-cookie: fw_session=([^;\\s]+)").matcher(signIn);
        assertThat(cookie.find()).as(signIn).isTrue();
        String session = "Cookie: fw_session=" + cookie.group(1);
        assertThat(whoAmI(lab, urls.get(1), session)).isEqualTo("e2e");

        int leader = Files.readString(tmp.resolve("collector0.log")).contains("correlating the fleet") ? 0 : 1;
        assertThat(Files.readString(tmp.resolve("collector" + (1 - leader) + ".log")))
            .doesNotContain("correlating the fleet");
        collectors.get(leader).destroyForcibly().waitFor();
        String survivor = urls.get(1 - leader);
        NetnsLabIT.waitForLog(tmp.resolve("collector" + (1 - leader) + ".log"), "correlating the fleet");

        enrollAndReport(lab, laptops.get(4), survivor, token);
        JsonNode grown = awaitFarm(lab, survivor, key, a -> a.get("deviceIds").size() == 5);
        assertThat(grown.get("id").asText()).isEqualTo(id);
        assertThat(farms(lab, survivor, key)).hasSize(1);
        assertThat(whoAmI(lab, survivor, session)).as("the session outlives the collector it began on").isEqualTo("e2e");

        // Each update of the alert reached the sinks once, from whichever collector correlated.
        long fourMachineUpdates = 0;
        for (int i = 0; i < 2; i++) {
          Path sink = tmp.resolve("alerts" + i + ".jsonl");
          if (Files.exists(sink)) {
            fourMachineUpdates += Files.readAllLines(sink).stream()
                .filter(l -> l.contains(id) && sinkMachines(l) == 4).count();
          }
        }
        assertThat(fourMachineUpdates).isEqualTo(1);
      } finally {
        for (Process p : collectors) {
          p.destroyForcibly().waitFor();
        }
      }
    }
  }

  private static int sinkMachines(String jsonLine) {
    try {
      return ProtocolJson.mapper().readTree(jsonLine).get("deviceIds").size();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String cli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", COLLECTOR_JAR.toString()));
    command.addAll(List.of(args));
    return lastLine(run(command));
  }

  private String enrollAndReport(NetnsLab lab, String laptop, String url, String token) throws Exception {
    Path state = tmp.resolve("state-" + laptop);
    lab.exec(laptop, java(), "-jar", AGENT_JAR.toString(), "enroll", "--collector", url, "--token", token,
        "--state", state.toString(), "--allow-plain-http");
    report(lab, laptop);
    return Files.readString(state.resolve("device.id")).strip();
  }

  private void report(NetnsLab lab, String laptop) throws Exception {
    lab.exec(laptop, java(), "-jar", AGENT_JAR.toString(), "run", "--once", "--state",
        tmp.resolve("state-" + laptop).toString());
  }

  private static String whoAmI(NetnsLab lab, String url, String cookieHeader) throws Exception {
    return ProtocolJson.mapper().readTree(lab.exec(lab.internet(), "curl", "-s", "-H", cookieHeader,
        url + "/api/v1/session")).path("name").asText();
  }

  private static List<JsonNode> farms(NetnsLab lab, String url, String key) throws Exception {
    JsonNode alerts = ProtocolJson.mapper().readTree(lab.exec(lab.internet(), "curl", "-s",
        "-H", "Authorization: Bearer " + key, url + "/api/v1/alerts?limit=1000")).get("alerts");
    List<JsonNode> out = new ArrayList<>();
    alerts.forEach(a -> {
      if (a.get("kind").asText().equals("LAPTOP_FARM") && !a.get("status").asText().equals("MERGED")) {
        out.add(a);
      }
    });
    return out;
  }

  /** The one farm alert once it satisfies {@code ready}; waits up to 60 s (roster changes take up to 30). */
  private static JsonNode awaitFarm(NetnsLab lab, String url, String key, Predicate<JsonNode> ready)
      throws Exception {
    List<JsonNode> farms = List.of();
    for (int attempt = 0; attempt < 120; attempt++) {
      farms = farms(lab, url, key);
      if (farms.size() == 1 && ready.test(farms.get(0))) {
        return farms.get(0);
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no single farm alert as expected within 60 s: " + farms);
  }
}
