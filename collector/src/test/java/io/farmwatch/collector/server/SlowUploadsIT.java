package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The slow-upload attack on the real collector jar with the service's heap: 130
 * connections each announce a 2.8 MB report and send a byte every 2 s, reconnecting whenever the
 * collector answers them, for 20 s. They come from 130 loopback addresses, so the per-address cap
 * does not help and the total cap must. Throughout, {@code /healthz} answers within 3 s, an agent's
 * upload gets a 202 or a typed refusal, and the live heap stays far below the 364 MB that reserving
 * the announced lengths would take.
 */
// Alone: what it proves is an answer within 3 s, which another IT's load would put in doubt.
@Isolated
class SlowUploadsIT {

  private static final int ATTACKERS = 130;
  private static final long ANNOUNCED = 2_800_000;
  private static final Duration ATTACK = Duration.ofSeconds(20);

  @TempDir Path data;

  @Test
  void healthAnswersWithin3sAndHeapStaysSmallThroughout130SlowUploads() throws Exception {
    int port = CollectorProcess.freePort();
    Path db = data.resolve("db");
    String token = CollectorProcess.lastLine(
        CollectorProcess.run(List.of("token", "create", "--uses", "1", "--data", db.toString())));
    Process server = CollectorProcess.serve(data.resolve("server.log"),
        List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"), List.of("--data", db.toString(), "--listen", "127.0.0.1:" + port));
    ScheduledExecutorService attack = Executors.newScheduledThreadPool(4);
    try {
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
      CollectorApiContract.Agent agent = CollectorApiContract.enroll(http, base, token);

      Map<Integer, AtomicLong> attackerAnswers = new ConcurrentHashMap<>();
      List<Attacker> attackers = new ArrayList<>();
      for (int i = 0; i < ATTACKERS; i++) {
        Attacker a = new Attacker("127.0." + (1 + i / 250) + "." + (2 + i % 250), port, attackerAnswers);
        attackers.add(a);
        attack.scheduleWithFixedDelay(a::tick, i * 10L, 2000, TimeUnit.MILLISECONDS);
      }
      Thread.sleep(3000); // every attacker has connected and announced its body

      long maxHealthMillis = 0;
      int healthChecks = 0;
      int agentUpload = 0;
      long liveHeapKb = -1;
      long end = System.nanoTime() + ATTACK.toNanos();
      for (long seq = 1; System.nanoTime() < end; seq++) {
        long start = System.nanoTime();
        try (RawHttp probe = new RawHttp("127.0.0.1", port)) {
          RawHttp.Answer health = probe.get("/healthz").answer(3000);
          assertThat(health.status()).isEqualTo(200);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        maxHealthMillis = Math.max(maxHealthMillis, millis);
        healthChecks++;
        if (seq == 20) {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
              .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(CollectorApiContract.envelope(agent, 1))).build(),
              HttpResponse.BodyHandlers.ofString());
          agentUpload = r.statusCode();
          if (r.statusCode() != 202) {
            assertThat(r.statusCode()).as(r.body()).isIn(429, 503);
            assertThat(ProtocolJson.mapper().readTree(r.body()).get("error").asText()).isIn("busy", "too_many_uploads");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
          }
        }
        if (seq == 40) {
          liveHeapKb = CollectorProcess.liveHeapKb(server.pid());
        }
        Thread.sleep(200);
      }
      System.out.printf("SlowUploadsIT: %d health checks under %d slow uploads, slowest %d ms; agent upload %d;"
          + " live heap %d KB; attackers answered %s%n", healthChecks, ATTACKERS, maxHealthMillis, agentUpload,
          liveHeapKb, attackerAnswers);
      assertThat(maxHealthMillis).isLessThan(3000);
      assertThat(liveHeapKb).as("live heap, KB").isPositive().isLessThan(128 * 1024);
      // The total cap turned the excess away at once, and the pace cut off those it let in.
      assertThat(attackerAnswers).containsKeys(503, 408);

      attack.shutdownNow();
      for (Attacker a : attackers) {
        a.close();
      }
      HttpResponse<String> after = null;
      for (int i = 0; i < 50 && (after == null || after.statusCode() != 202); i++) {
        Thread.sleep(100);
        after = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(CollectorApiContract.envelope(agent, 2))).build(),
            HttpResponse.BodyHandlers.ofString());
      }
      assertThat(after.statusCode()).as(after.body()).isEqualTo(202);
      assertThat(server.isAlive()).isTrue();
    } finally {
      attack.shutdownNow();
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** One slow uploader: a byte per tick; when answered, it notes the status and starts over. */
  private static final class Attacker {
    private final String source;
    private final int port;
    private final Map<Integer, AtomicLong> answers;
    private RawHttp connection;

    Attacker(String source, int port, Map<Integer, AtomicLong> answers) {
      this.source = source;
      this.port = port;
      this.answers = answers;
    }

    synchronized void tick() {
      try {
        if (connection != null && connection.answered()) {
          int status = connection.answer(1000).status();
          answers.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
          close();
        }
        if (connection == null) {
          connection = new RawHttp(source, port).startUpload("/api/v1/reports", ANNOUNCED);
        }
        connection.write(new byte[] {' '});
      } catch (IOException e) {
        answers.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
        close();
      }
    }

    synchronized void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (IOException ignored) {
          // already gone
        }
        connection = null;
      }
    }
  }
}
