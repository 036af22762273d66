package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.store.DeviceRecord;
import io.farmwatch.collector.store.Storage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report answered 2xx is durable: the collector process is killed with SIGKILL in the middle of
 * a load, and every acknowledged report is in the database afterwards.
 */
public abstract class CollectorCrashContract {

  static final Path JAR = Path.of("target/farmwatch-collector.jar").toAbsolutePath();

  @TempDir protected Path data;

  /** Extra arguments for the storage backend, e.g. {@code --db URL}. */
  protected abstract List<String> storageArgs();

  protected abstract Storage openStorage();

  @Test
  void everyAcknowledgedReportSurvivesKillDashNine() throws Exception {
    int port = CollectorProcess.freePort();
    String token = CollectorProcess.lastLine(run(List.of("token", "create", "--uses", "8")));
    Process server = startServer(port);
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    List<CollectorApiContract.Agent> agents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      agents.add(CollectorApiContract.enroll(http, base, token));
    }

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(agents.size());
    for (CollectorApiContract.Agent agent : agents) {
      pool.submit(() -> {
        for (long seq = 1; running.get(); seq++) {
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(CollectorApiContract.envelope(agent, seq))).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
              acknowledged.add(agent.deviceId() + "#" + seq);
            }
          } catch (Exception e) {
            return null; // the server is gone
          }
        }
        return null;
      });
    }
    while (acknowledged.size() < 300) {
      Thread.sleep(20);
    }
    server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    server.waitFor();
    running.set(false);
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    Process restarted = startServer(port);
    restarted.destroy();
    restarted.waitFor();
    try (Storage storage = openStorage()) {
      for (CollectorApiContract.Agent agent : agents) {
        DeviceRecord d = storage.device(agent.deviceId()).orElseThrow();
        Set<Long> stored = new java.util.HashSet<>();
        storage.recentReports(agent.deviceId(), 100_000).forEach(r -> stored.add(r.sequence()));
        acknowledged.stream().filter(a -> a.startsWith(agent.deviceId() + "#"))
            .map(a -> Long.parseLong(a.substring(a.indexOf('#') + 1)))
            .forEach(seq -> assertThat(stored).as("acknowledged report %s#%d", agent.deviceId(), seq).contains(seq));
        assertThat(d.lastSequence()).isEqualTo(stored.stream().mapToLong(Long::longValue).max().orElse(-1));
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);
  }

  private Process startServer(int port) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--listen", "127.0.0.1:" + port));
    args.addAll(storageArgs());
    return CollectorProcess.serve(Files.createTempFile(data, "server", ".log"), List.of(), args);
  }

  private String run(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(args);
    command.addAll(List.of("--data", data.toString()));
    command.addAll(storageArgs());
    return CollectorProcess.run(command);
  }
}
