package io.farmwatch.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session helper as deployed: the service ({@code run}, root, no display) against the real
 * collector, an X server and the native helper ({@code farmwatch-session}, built from the agent's
 * C sources as scripts/package builds it) both running as an ordinary user, xdotool input (XTEST,
 * so injected) in that session. The delivered report must carry the injected minutes with the
 * user; a process of another user must be refused by the socket, typed.
 */
class SessionHelperIT {

  static final Path AGENT_JAR = Path.of("../agent/target/farmwatch-agent.jar").toAbsolutePath();
  static final Path COLLECTOR_JAR = Path.of("target/farmwatch-collector.jar").toAbsolutePath();
  static final Path HELPER_SOURCES = Path.of("../agent/src/main/c/farmwatch-session").toAbsolutePath().normalize();
  static final Path HELPER = Path.of("../agent/target/native/farmwatch-session").toAbsolutePath().normalize();
  static final String USER = "fwsession";
  static final String OTHER_USER = "nobody";

  final List<Process> processes = new ArrayList<>();
  Path tmp;

  @AfterEach
  void cleanUp() throws Exception {
    java.util.Collections.reverse(processes);
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    if (tmp != null) {
      new ProcessBuilder("rm", "-rf", tmp.toString()).start().waitFor();
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The command as {@code user}, with nothing of root's environment: setpriv execs, so destroying it ends the command. */
  static List<String> as(String user, String... command) throws Exception {
    String gid = attempt(List.of("id", "-g", user)).output().strip();
    List<String> c = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + gid, "--init-groups",
        "--reset-env", "env", "HOME=/"));
    c.addAll(List.of(command));
    return c;
  }

  static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  record Result(int exit, String output) {}

  static Result attempt(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }

  Process spawn(List<String> command, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("DISPLAY");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  @Test
  void injectedInputInTheUsersSessionReachesTheReportWithTheUserAndAnotherUserIsRefused() throws Exception {
    run(List.of("make", "-s", "-C", HELPER_SOURCES.toString(), "OUT=" + HELPER.getParent()));
    if (attempt(List.of("id", "-u", USER)).exit() != 0) {
      run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
    }
    // A folder every user can pass through: the socket's own mode lets anyone connect, as installed.
    tmp = Files.createTempDirectory("fw-session-");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));

    Process xvfb = new ProcessBuilder(as(USER, "Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24",
        "-nolisten", "tcp")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(xvfb);
    String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
        .readLine().strip();

    Path data = tmp.resolve("collector");
    String token = lastLine(run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "token", "create",
        "--data", data.toString())));
    String key = lastLine(run(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "apikey", "create",
        "--data", data.toString(), "--role", "analyst", "--name", "session-it")));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    spawn(List.of(java(), "-jar", COLLECTOR_JAR.toString(), "serve", "--data", data.toString(),
        "--listen", "127.0.0.1:" + port), tmp.resolve("collector.log"));
    NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "listening on");

    Path state = tmp.resolve("state");
    run(List.of(java(), "-jar", AGENT_JAR.toString(), "enroll", "--collector", url, "--token", token,
        "--state", state.toString()));
    String deviceId = Files.readString(state.resolve("device.id")).strip();
    Path config = Files.writeString(tmp.resolve("agent.yaml"), "schedule:\n  interval: 3s\n  jitter: 0\n");
    Path socket = tmp.resolve("session.sock");
    spawn(List.of(java(), "-jar", AGENT_JAR.toString(), "run", "--state", state.toString(), "--config",
        config.toString(), "--session-socket", socket.toString()), tmp.resolve("agent.log"));
    NetnsLabIT.waitForLog(tmp.resolve("agent.log"), "session helpers connect to");

    Result refused = attempt(as(OTHER_USER, HELPER.toString(), "--check", "--socket", socket.toString()));
    assertThat(refused.exit()).as(refused.output()).isEqualTo(77);
    assertThat(refused.output()).contains("refused: not_session_user: user " + OTHER_USER
        + " has no graphical session on this machine");

    spawn(as(USER, "DISPLAY=" + display, HELPER.toString(), "--socket", socket.toString()), tmp.resolve("helper.log"));
    NetnsLabIT.waitForLog(tmp.resolve("helper.log"), "connected to the service");
    Result second = attempt(as(USER, HELPER.toString(), "--check", "--socket", socket.toString()));
    assertThat(second.exit()).as(second.output()).isEqualTo(77);
    assertThat(second.output()).contains("refused: already_connected");
    Result secondHelper = attempt(as(USER, "DISPLAY=" + display, HELPER.toString(), "--socket", socket.toString()));
    assertThat(secondHelper.exit()).as(secondHelper.output()).isZero();
    assertThat(secondHelper.output()).contains("stopped: already_connected");

    Thread.sleep(500); // the helper's XInput2 selection is in place once it connected; a little slack
    run(as(USER, "DISPLAY=" + display, "xdotool", "key", "a", "b", "c", "mousemove", "200", "150", "click", "1"));

    JsonNode input = null;
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 150 && input == null; i++) {
      Thread.sleep(200);
      HttpResponse<String> machine = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/machines/" + deviceId))
          .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
      if (machine.statusCode() != 200) {
        continue;
      }
      for (JsonNode r : ProtocolJson.mapper().readTree(machine.body()).get("reports")) {
        JsonNode in = r.at("/report/input");
        if (USER.equals(in.path("sessionUser").asText(null))) {
          input = in;
        }
      }
    }
    assertThat(input).as("a delivered report with the helper's counts; helper log:\n%s\nagent log:\n%s",
        Files.readString(tmp.resolve("helper.log")), Files.readString(tmp.resolve("agent.log"))).isNotNull();
    int keys = 0;
    int synthetic = 0;
    int total = 0;
    for (JsonNode m : input.get("minutes")) {
      keys += m.get("keyEvents").asInt();
      synthetic += m.get("syntheticEvents").asInt();
      total += m.get("keyEvents").asInt() + m.get("pointerEvents").asInt();
    }
    // The helper may send a first part of xdotool's events and the rest 30 s later: at least some, all injected.
    assertThat(total).isPositive();
    assertThat(keys).isLessThanOrEqualTo(3);
    assertThat(synthetic).as("xdotool injects through XTEST: every event is injected").isEqualTo(total);
  }
}
