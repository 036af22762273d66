package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The central policy end to end, with the real collector and agent jars: an admin allowlists a
 * running tool with {@code policy set}, the agent's next report runs that version and reports the
 * tool as ALLOWED_TOOL; a tampered newer policy is refused, said so in the report, and the agent
 * keeps the previous one, across restarts (each {@code run --once} is a new process).
 */
class CentralPolicyIT {

  static final Path AGENT_JAR = Path.of("../agent/target/farmwatch-agent.jar").toAbsolutePath();
  static final Path COLLECTOR_JAR = Path.of("target/farmwatch-collector.jar").toAbsolutePath();

  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    var err = p.getErrorStream();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String errText = new String(err.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, errText);
  }

  static String ok(String... command) throws Exception {
    Run r = run(command);
    assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.out() + r.err()).isZero();
    return r.out();
  }

  static String collector(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(FarmEndToEndIT.java(), "-jar", COLLECTOR_JAR.toString()));
    command.addAll(List.of(args));
    return ok(command.toArray(String[]::new));
  }

  @Test
  void anAllowlistSetCentrallyReachesTheAgentAndATamperedPolicyIsRefusedKeepingThePrevious() throws Exception {
    Path data = tmp.resolve("collector");
    Path state = tmp.resolve("agent-state");
    String token = FarmEndToEndIT.lastLine(collector("token", "create", "--data", data.toString()));
    String analyst = FarmEndToEndIT.lastLine(collector("apikey", "create", "--data", data.toString(),
        "--role", "analyst", "--name", "e2e"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    Path log = tmp.resolve("collector.log");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path tool = Files.copy(Path.of("/bin/sleep"), bin.resolve("anydesk"), StandardCopyOption.REPLACE_EXISTING);
    Process server = new ProcessBuilder(FarmEndToEndIT.java(), "-jar", COLLECTOR_JAR.toString(), "serve",
        "--data", data.toString(), "--listen", "127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Process anydesk = new ProcessBuilder(tool.toString(), "600").start();
    try {
      NetnsLabIT.waitForLog(log, "listening on");
      ok(FarmEndToEndIT.java(), "-jar", AGENT_JAR.toString(), "enroll", "--collector", url, "--token", token,
          "--state", state.toString());
      String deviceId = Files.readString(state.resolve("device.id")).strip();

      JsonNode before = nextReport(state, url, analyst, deviceId);
      assertThat(before.at("/agent/policyVersion").isMissingNode()).isTrue();
      assertThat(findings(before, "AnyDesk")).containsExactly("REMOTE_ACCESS");

      Path bad = Files.writeString(tmp.resolve("bad.yaml"), "allowlist:\n  - nmae: AnyDesk\nreportIntervalSeconds: 5\n");
      Run refused = run(FarmEndToEndIT.java(), "-jar", COLLECTOR_JAR.toString(), "policy", "set", bad.toString(),
          "--data", data.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("allowlist[0].nmae: unknown key")
          .contains("reportIntervalSeconds: must be an integer from 60 to 86400");

      Path file = Files.writeString(tmp.resolve("policy.yaml"), "allowlist:\n  - name: AnyDesk\n");
      assertThat(collector("policy", "set", file.toString(), "--data", data.toString()))
          .contains("policy version 1 issued");
      assertThat(collector("policy", "show", "--data", data.toString())).contains("\"version\" : 1");

      JsonNode allowed = nextReport(state, url, analyst, deviceId);
      assertThat(allowed.at("/agent/policyVersion").asLong()).isEqualTo(1);
      assertThat(findings(allowed, "AnyDesk")).containsExactly("ALLOWED_TOOL");

      tamperNewerPolicy(data);
      JsonNode afterTamper = nextReport(state, url, analyst, deviceId);
      assertThat(afterTamper.at("/agent/policyVersion").asLong()).isEqualTo(1);
      assertThat(findings(afterTamper, "AnyDesk")).containsExactly("ALLOWED_TOOL");
      assertThat(afterTamper.get("unavailable")).anySatisfy(u -> {
        assertThat(u.get("field").asText()).isEqualTo("agent.policyVersion");
        assertThat(u.get("reason").asText()).startsWith("refused: signature: does not verify");
      });
      assertThat(Files.readString(log)).doesNotContain("ERROR");
    } finally {
      anydesk.destroyForcibly();
      server.destroy();
      server.waitFor();
    }
  }

  /** One agent cycle as a new process, and the report it delivered, as an analyst reads it. */
  static JsonNode nextReport(Path state, String url, String analyst, String deviceId) throws Exception {
    assertThat(ok(FarmEndToEndIT.java(), "-jar", AGENT_JAR.toString(), "run", "--once", "--state", state.toString())
        .strip()).isEqualTo("delivered");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url + "/api/v1/machines/" + deviceId)).header("Authorization", "Bearer " + analyst).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode newest = null;
    for (JsonNode report : ProtocolJson.mapper().readTree(r.body()).get("reports")) {
      if (newest == null || report.get("sequence").asLong() > newest.get("sequence").asLong()) {
        newest = report;
      }
    }
    return newest.get("report");
  }

  static List<String> findings(JsonNode report, String name) {
    List<String> kinds = new ArrayList<>();
    report.get("findings").forEach(f -> {
      if (f.get("name").asText().equals(name)) {
        kinds.add(f.get("kind").asText());
      }
    });
    return kinds;
  }

  /**
   * Stores a version 2 in the database whose allowlist was changed after signing (the signature is
   * version 1's): what a meddler with the database or the path would serve.
   */
  static void tamperNewerPolicy(Path data) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(SqliteStorage.FILE_NAME))) {
      String signed;
      try (PreparedStatement s = c.prepareStatement("SELECT signed FROM policies WHERE version = 1");
          ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        signed = rs.getString(1);
      }
      ObjectNode wrapper = (ObjectNode) ProtocolJson.mapper().readTree(signed);
      ObjectNode policy = (ObjectNode) ProtocolJson.mapper().readTree(Base64.getDecoder().decode(wrapper.get("policy").asText()));
      policy.put("version", 2);
      ((ObjectNode) policy.get("allowlist").get(0)).put("name", "TeamViewer");
      wrapper.put("policy", Base64.getEncoder().encodeToString(ProtocolJson.mapper().writeValueAsBytes(policy)));
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO policies(version, signed, issued_at, actor_id) VALUES (2, ?, 0, 'meddler')")) {
        s.setString(1, ProtocolJson.mapper().writeValueAsString(wrapper));
        s.executeUpdate();
      }
    }
  }
}
