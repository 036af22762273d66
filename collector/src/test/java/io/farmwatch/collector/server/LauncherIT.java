package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** packaging/linux/farmwatch-collector, the launcher the systemd unit runs, on the built jar. */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("../packaging/linux/farmwatch-collector").toAbsolutePath().normalize();

  @TempDir Path data;

  private ProcessBuilder launcher(List<String> args) {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(LAUNCHER.toString())));
    pb.command().addAll(args);
    pb.environment().put("FARMWATCH_COLLECTOR_JAR", CollectorCrashContract.JAR.toString());
    pb.environment().put("FARMWATCH_JAVA", ProcessHandle.current().info().command().orElse("java"));
    return pb.redirectErrorStream(true);
  }

  @Test
  void servesWithItsJvmOptionsAndStopsOnSigterm() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = data.resolve("server.log");
    ProcessBuilder pb = launcher(List.of("serve", "--data", data.resolve("db").toString(), "--listen", "127.0.0.1:" + port));
    pb.environment().put("FARMWATCH_JAVA_OPTS", "-Dfarmwatch.test=1 -Xmx256m");
    Process p = pb.redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = null;
      for (int i = 0; i < 1200 && health == null; i++) { // up to a minute on a busy machine
        try {
          health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
          assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
          Thread.sleep(50);
        }
      }
      assertThat(health).as(Files.readString(log)).isNotNull();
      assertThat(health.statusCode()).isEqualTo(200);
      // The launcher execs the JVM: the service's main process is the collector itself, so
      // systemd's SIGTERM reaches it and its graceful shutdown runs.
      String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
      assertThat(cmdline).contains("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar " + CollectorCrashContract.JAR, " serve ");
      // Extra options come last, so they win over the launcher's own.
      assertThat(cmdline.indexOf("-Xmx256m")).isGreaterThan(cmdline.indexOf("-Xmx512m"));
      assertThat(cmdline).contains("-Dfarmwatch.test=1");
    } finally {
      p.destroy();
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).doesNotContain("Exception");
  }

  @Test
  void passesCommandsThrough() throws Exception {
    Process p = launcher(List.of("token", "create", "--data", data.toString(), "--uses", "3")).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    String[] lines = out.strip().split("\n");
    assertThat(lines[lines.length - 1].strip()).hasSizeGreaterThan(20).doesNotContain(" ");
  }

  @Test
  void saysWhichJarItCouldNotFind() throws Exception {
    ProcessBuilder pb = launcher(List.of("--version"));
    pb.environment().put("FARMWATCH_COLLECTOR_JAR", data.resolve("missing.jar").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(out).contains("collector jar not found", "FARMWATCH_COLLECTOR_JAR");
  }
}
