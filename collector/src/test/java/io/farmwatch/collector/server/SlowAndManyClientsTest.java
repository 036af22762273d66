package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP layer against clients that announce too much, send too slowly or come too many at once. */
class SlowAndManyClientsTest {

  @TempDir java.nio.file.Path dir;

  private Storage storage;
  private CollectorApp app;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<RawHttp> open = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    storage = SqliteStorage.open(dir);
    app = new CollectorApp(storage, new ServerSettings("127.0.0.1", 0, null, null, false, List.of(),
        Duration.ofMinutes(5), Duration.ofDays(30)), Duration.ofDays(90), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    for (RawHttp c : open) {
      c.close();
    }
    app.close();
  }

  private int port() {
    return app.server().port();
  }

  private RawHttp connect(String source) throws Exception {
    RawHttp c = new RawHttp(source, port());
    open.add(c);
    return c;
  }

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.server().url("127.0.0.1") + path));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String error(RawHttp.Answer a) throws Exception {
    return ProtocolJson.mapper().readTree(a.body()).get("error").asText();
  }

  @Test
  void anAnnouncedBodyOverTheLimitIsAnswered413AndTheConnectionClosedWithoutReadingIt() throws Exception {
    for (String path : List.of("/api/v1/reports", "/api/v1/enroll")) {
      RawHttp c = connect("127.0.0.1").startUpload(path, 32L * 1024 * 1024);
      long start = System.nanoTime();
      RawHttp.Answer a = c.answer(2000);
      assertThat(a.status()).isEqualTo(413);
      assertThat(error(a)).isEqualTo("too_large");
      assertThat(a.header("Connection")).isEqualTo("close");
      assertThat(c.closedWithin(2000)).as("closed without waiting for the body").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void uploadsOverThePerAddressCapAre429AndOverTheTotalCap503WhileHealthStaysUp() throws Exception {
    for (int i = 0; i < HttpLimits.UPLOADS_PER_ADDRESS; i++) {
      connect("127.0.0.1").startUpload("/api/v1/reports", 2_800_000).write(new byte[] {'{'});
    }
    RawHttp.Answer refused = probeUntil("127.0.0.1", 429);
    assertThat(error(refused)).isEqualTo("too_many_uploads");
    assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(HttpLimits.RETRY_AFTER.toSeconds()));

    // Another address still has room until the total is taken.
    for (int i = HttpLimits.UPLOADS_PER_ADDRESS; i < HttpLimits.UPLOAD_SLOTS; i++) {
      connect("127.0.0." + (2 + i)).startUpload("/api/v1/enroll", 10_000);
    }
    RawHttp.Answer busy = probeUntil("127.0.0.200", 503);
    assertThat(error(busy)).isEqualTo("busy");
    assertThat(busy.header("Retry-After")).isNotBlank();
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(200);

    // Slots are freed when their uploads end.
    for (RawHttp c : open) {
      c.close();
    }
    open.clear();
    HttpResponse<String> later = null;
    for (int i = 0; i < 50; i++) {
      later = http.send(HttpRequest.newBuilder(URI.create(app.server().url("127.0.0.1") + "/api/v1/reports"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (later.statusCode() == 400) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(later.statusCode()).as(later.body()).isEqualTo(400);
  }

  /**
   * Sends one-byte uploads from {@code source} until one is refused with {@code status}: the uploads
   * opened before it have then reached their handlers and hold their slots. A probe that got a slot
   * is read at once and answered 400.
   */
  private RawHttp.Answer probeUntil(String source, int status) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (RawHttp probe = new RawHttp(source, port())) {
        RawHttp.Answer a = probe.startUpload("/api/v1/reports", 1).write(new byte[] {'{'}).answer(2000);
        if (a.status() == status) {
          assertThat(probe.closedWithin(2000)).as("a refused upload's connection is closed").isTrue();
          return a;
        }
        assertThat(a.status()).as(a.body()).isEqualTo(400);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + status + " for uploads from " + source);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    String key = new ApiKeys(storage, Clock.systemUTC()).create(ApiRole.ANALYST, "headers-test", null, Actor.CLI).secret();
    List<HttpResponse<String>> answers = List.of(
        get("/healthz", null), get("/metrics", null), get("/api/v1/machines", key),
        get("/api/v1/machines", null), get("/api/v1/nowhere", key), get("/api/v1/machines/dev_nope", key));
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 401, 404, 404);
    for (HttpResponse<String> r : answers) {
      assertSecurityHeaders(r.statusCode(), name -> r.headers().firstValue(name).orElse(null));
    }
    RawHttp.Answer tooLarge = connect("127.0.0.1").startUpload("/api/v1/reports", 32L * 1024 * 1024).answer(2000);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertSecurityHeaders(413, tooLarge::header);
    // An alert row the API cannot render stands for any unexpected failure (500).
    Instant now = Instant.now();
    storage.saveAlert(new AlertRecord("a1", "LAPTOP_FARM", "HIGH", 0.9, "[]", "{not json", "broken",
        now, now, "OPEN", now));
    HttpResponse<String> failed = get("/api/v1/alerts", key);
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
    assertSecurityHeaders(500, name -> failed.headers().firstValue(name).orElse(null));
    storage.close();
    HttpResponse<String> unavailable = get("/api/v1/machines", key);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertSecurityHeaders(503, name -> unavailable.headers().firstValue(name).orElse(null));
  }

  static void assertSecurityHeaders(int status, java.util.function.Function<String, String> header) {
    for (Map.Entry<String, String> h : SecurityHeaders.API.entrySet()) {
      assertThat(header.apply(h.getKey())).as("%s on a %d answer", h.getKey(), status).isEqualTo(h.getValue());
    }
  }

  @Test
  void notFoundAnswersDoNotEchoWhatWasAsked() throws Exception {
    String key = new ApiKeys(storage, Clock.systemUTC()).create(ApiRole.ANALYST, "headers-test", null, Actor.CLI).secret();
    String marker = "x" + UUID.randomUUID().toString().replace("-", "");
    for (String path : List.of("/api/v1/" + marker, "/api/v1/machines/" + marker, "/" + marker)) {
      HttpResponse<String> r = get(path, key);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.body()).contains("not_found").doesNotContain(marker);
    }
    HttpResponse<String> patch = http.send(HttpRequest.newBuilder(
        URI.create(app.server().url("127.0.0.1") + "/api/v1/alerts/" + marker))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"OPEN\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(patch.statusCode()).isEqualTo(404);
    assertThat(patch.body()).doesNotContain(marker);
  }
}
