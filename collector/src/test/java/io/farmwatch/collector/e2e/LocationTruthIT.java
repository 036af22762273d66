package io.farmwatch.collector.e2e;

import static io.farmwatch.collector.e2e.FarmEndToEndIT.AGENT_JAR;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.COLLECTOR_JAR;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.java;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.lastLine;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.sqlite.SQLiteConfig;

/**
 * Where a laptop really is, end to end: two homes (network namespaces behind NAT) run the real agent
 * against the real collector jar through {@link DelayingRelay}s, which add distance in user space and
 * present a public egress address through the collector's trusted-proxy header. The "farm" claims
 * Austin, leaves through a DigitalOcean address with no VPN client on the laptop, and sits 200 ms of
 * round trip from an Ashburn collector; the "honest" home claims Honolulu, leaves through a Comcast
 * address, and sits 80 ms away, which Honolulu (7,730 km: 77-181 ms) allows. The honest home is far
 * so that its allowance leaves room for what a loaded test machine adds to one sample (80 ms at a
 * load average of 30 made a 40 ms home look too far for Los Angeles).
 */
@ResourceLock(NetnsLab.HOST_LINK)
class LocationTruthIT {

  static final String RELAY_ADDRESS = NetnsLab.INTERNET_PREFIX + "2";
  static final String DIGITALOCEAN = "104.131.0.1";
  static final String COMCAST = "73.0.0.1";
  static final Set<String> LOCATION_ALERTS = Set.of("EGRESS", "ROUND_TRIP", "SHARED_EXIT");

  static final URI COLLECTOR = URI.create("http://127.0.0.1:8490/");

  @TempDir Path tmp;
  private final List<Process> processes = new ArrayList<>();

  @Test
  void aFarHomeBehindARouterVpnIsFlaggedByItsExitAndByPhysicsAndAnHonestHomeIsNot() throws Exception {
    String token = lastLine(run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "token", "create",
        "--data", data().toString(), "--uses", "2")));
    String key = lastLine(run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "apikey", "create",
        "--data", data().toString(), "--role", "analyst", "--name", "e2e-analyst")));
    try (NetnsLab lab = new NetnsLab("fwloc")) {
      String farm = lab.addHome("farm", 1, 1).laptops().get(0);
      String honest = lab.addHome("honest", 2, 1).laptops().get(0);
      lab.linkHost(RELAY_ADDRESS);
      try (DelayingRelay farmPath = new DelayingRelay(new InetSocketAddress(RELAY_ADDRESS, 8491), COLLECTOR,
              DIGITALOCEAN, Duration.ofMillis(100));
          DelayingRelay honestPath = new DelayingRelay(new InetSocketAddress(RELAY_ADDRESS, 8492), COLLECTOR,
              COMCAST, Duration.ofMillis(40))) {
        Process enrolling = start(serve(false), "collector-enroll.log");
        NetnsLabIT.waitForLog(tmp.resolve("collector-enroll.log"), "listening on");
        String farmDevice = enroll(lab, farm, 8491, token);
        String honestDevice = enroll(lab, honest, 8492, token);
        // The agents run a few cycles against the collector that judges nothing, so the samples the judging
        // collector sees come from warm JVMs: a cold first request is not the path's round trip.
        Path config = Files.writeString(tmp.resolve("agent.yaml"), "schedule:\n  interval: 2s\n  jitter: 0\n");
        for (String laptop : List.of(farm, honest)) {
          processes.add(lab.spawn(laptop, List.of(java(), "-jar", AGENT_JAR.toString(), "run", "--state",
              tmp.resolve("state-" + laptop).toString(), "--config", config.toString()),
              tmp.resolve("agent-" + laptop + ".log")));
        }
        long warm = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < warm && !(measured(key, farmDevice) && measured(key, honestDevice))) {
          Thread.sleep(500);
        }
        Thread.sleep(4000);
        enrolling.destroy();
        enrolling.waitFor();
        // The roster names the enrolled devices; a correlator reads it when it starts.
        Path roster = Files.writeString(tmp.resolve("roster.csv"), "device,employee,country,region,city\n"
            + farmDevice + ",Alex,US,TX,Austin\n" + honestDevice + ",Jo,US,HI,Honolulu\n");
        run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "roster", "import", "--data", data().toString(),
            roster.toString()));
        Instant restarted = Instant.now();
        start(serve(true), "collector.log");
        NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "correlating the fleet");
        NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "listening on");
        // A first request loads the collector's classes and replaces the relays' connections to the collector
        // that stopped (502 until then): the agents' samples then measure the paths.
        for (int port : List.of(8491, 8492)) {
          HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + RELAY_ADDRESS + ":" + port + "/healthz"))
              .build();
          int status = 0;
          for (int attempt = 0; attempt < 3 && status != 200; attempt++) {
            status = HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
          }
          assertThat(status).as("the collector answers through the relay on " + port).isEqualTo(200);
        }

        List<JsonNode> farmAlerts = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !(kinds(farmAlerts).contains("EGRESS")
            && kinds(farmAlerts).contains("ROUND_TRIP") && judgedSince(key, honestDevice, restarted))) {
          Thread.sleep(500);
          farmAlerts = locationAlerts(key, farmDevice);
        }
        assertThat(kinds(farmAlerts)).containsExactlyInAnyOrder("EGRESS", "ROUND_TRIP");
        JsonNode exit = alert(farmAlerts, "EGRESS");
        assertThat(exit.get("severity").asText()).isEqualTo("HIGH");
        assertThat(exit.get("evidence").toString()).contains("ROUTER_VPN").contains(DIGITALOCEAN);
        JsonNode physics = alert(farmAlerts, "ROUND_TRIP");
        assertThat(physics.get("evidence").toString()).contains("ROUND_TRIP_TOO_FAR");
        // The relay adds 200 ms; a loaded machine can only add more.
        Matcher verdict = Pattern.compile("a minimum of (\\d+) ms over 1 days to the Ashburn, Virginia, US collector;"
            + " Austin, Texas, US allows at most 68 ms").matcher(physics.get("summary").asText());
        assertThat(verdict.find()).as(physics.get("summary").asText()).isTrue();
        assertThat(Integer.parseInt(verdict.group(1))).isGreaterThanOrEqualTo(200);
        // The honest home's round trips reached the judging collector too, and its correlator has judged them:
        // neither its exit nor its distance is flagged.
        assertThat(judgedSince(key, honestDevice, restarted)).as("a report of the honest home judged after the restart")
            .isTrue();
        assertThat(locationAlerts(key, honestDevice)).isEmpty();
      } finally {
        for (Process p : processes) {
          p.destroyForcibly().waitFor();
        }
      }
    }
  }

  private Path data() {
    return tmp.resolve("collector");
  }

  /** The collector; enrolling needs neither the egress databases nor the gazetteer, which take seconds to load. */
  private List<String> serve(boolean locating) {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "serve",
        "--data", data().toString(), "--listen", "127.0.0.1:" + COLLECTOR.getPort(), "--trusted-proxy", "127.0.0.1/32"));
    command.addAll(locating ? List.of("--collector-location", "Ashburn, VA, US", "--rtt-min-days", "1")
        : List.of("--no-egress-intelligence"));
    return command;
  }

  private Process start(List<String> command, String log) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve(log).toFile())).start();
    processes.add(p);
    return p;
  }

  private String enroll(NetnsLab lab, String laptop, int relayPort, String token) throws Exception {
    Path state = tmp.resolve("state-" + laptop);
    lab.exec(laptop, java(), "-jar", AGENT_JAR.toString(), "enroll", "--collector",
        "http://" + RELAY_ADDRESS + ":" + relayPort, "--token", token, "--state", state.toString(),
        "--allow-plain-http");
    return Files.readString(state.resolve("device.id")).strip();
  }

  private static List<String> kinds(List<JsonNode> alerts) {
    return alerts.stream().map(a -> a.get("kind").asText()).toList();
  }

  private static JsonNode alert(List<JsonNode> alerts, String kind) {
    return alerts.stream().filter(a -> a.get("kind").asText().equals(kind)).findFirst().orElseThrow();
  }

  private static List<JsonNode> locationAlerts(String key, String device) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    get(key, "api/v1/alerts?limit=1000").get("alerts").forEach(a -> {
      if (LOCATION_ALERTS.contains(a.get("kind").asText()) && a.get("deviceIds").toString().contains(device)) {
        out.add(a);
      }
    });
    return out;
  }

  /** Whether a report of the device carrying its round trips to the collector has been stored. */
  private static boolean measured(String key, String device) throws Exception {
    return get(key, "api/v1/machines/" + device).toString().contains("\"minMicros\"");
  }

  /**
   * Whether the device's latest report carries its round trips, arrived after {@code since} and has been
   * correlated: the correlator's cursor, which it keeps in the database after each poll, has passed the
   * position that report gave the device.
   */
  private boolean judgedSince(String key, String device, Instant since) throws Exception {
    JsonNode latest = get(key, "api/v1/machines/" + device).at("/reports/0");
    if (latest.isMissingNode() || !Instant.parse(latest.get("receivedAt").asText()).isAfter(since)
        || !latest.toString().contains("\"minMicros\"")) {
      return false;
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data().resolve(SqliteStorage.FILE_NAME),
            readOnly());
        PreparedStatement position = db.prepareStatement("SELECT observed_seq FROM devices WHERE device_id = ?");
        PreparedStatement cursor = db.prepareStatement("SELECT value FROM correlation_state WHERE name = ?")) {
      position.setString(1, device);
      cursor.setString(1, "correlation_cursor");
      try (ResultSet p = position.executeQuery(); ResultSet c = cursor.executeQuery()) {
        return p.next() && c.next() && Long.parseLong(c.getString(1)) >= p.getLong(1);
      }
    }
  }

  private static java.util.Properties readOnly() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    return config.toProperties();
  }

  private static JsonNode get(String key, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(COLLECTOR.resolve(path))
        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    return ProtocolJson.mapper().readTree(r.body());
  }
}
