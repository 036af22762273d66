package io.farmwatch.collector.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.collector.alert.sink.webhook.WebhookSink;
import io.farmwatch.collector.cli.CollectorMain;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HTTP receiver that verifies as docs/collector.md tells receivers to: the HMAC over
 * timestamp, delivery id and body, a timestamp within the replay window, each delivery id once.
 */
class WebhookSinkTest extends AlertSinkContract {

  static final byte[] SECRET = "s3cret-shared-with-the-soc".getBytes(StandardCharsets.UTF_8);
  static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

  /** A request as the receiver saw it. */
  record Request(long timestamp, String delivery, String signature, byte[] body) {}

  final List<String> got = new CopyOnWriteArrayList<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final Set<String> seenDeliveries = ConcurrentHashMap.newKeySet();
  /** Status codes the receiver answers first, one per request, before it answers normally. */
  final List<Integer> scriptedAnswers = new CopyOnWriteArrayList<>();
  Javalin receiver;
  int port;
  byte[] sinkSecret = SECRET;
  Clock sinkClock = Clock.systemUTC();

  @TempDir Path tmp;

  @Override
  protected AlertSink newSink() throws Exception {
    if (port == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    return new WebhookSink(URI.create("http://127.0.0.1:" + port + "/hook"), sinkSecret, sinkClock);
  }

  @Override
  protected int maxMessageBytes() {
    return WebhookSink.MAX_BODY_BYTES;
  }

  @Override
  protected List<String> received() {
    return got;
  }

  /** As docs/collector.md's example: 401 for a bad signature or a stale timestamp, 200 for a delivery id seen before, else 204. */
  int verify(Request r) {
    if (!WebhookSink.signature(SECRET, r.timestamp(), r.delivery(), r.body()).equals(r.signature())) {
      return 401;
    }
    if (Duration.between(Instant.ofEpochSecond(r.timestamp()), Instant.now()).abs().compareTo(REPLAY_WINDOW) > 0) {
      return 401;
    }
    return seenDeliveries.add(r.delivery()) ? 204 : 200;
  }

  @Override
  protected void startReceiver() throws Exception {
    if (port == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    receiver = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.routes.post("/hook", ctx -> {
        Request r = new Request(Long.parseLong(ctx.header(WebhookSink.TIMESTAMP_HEADER)),
            ctx.header(WebhookSink.DELIVERY_HEADER), ctx.header(WebhookSink.SIGNATURE_HEADER), ctx.bodyAsBytes());
        requests.add(r);
        if (!scriptedAnswers.isEmpty()) {
          ctx.status(scriptedAnswers.remove(0));
          return;
        }
        int status = verify(r);
        if (status == 204) {
          got.add(new String(r.body(), StandardCharsets.UTF_8));
        }
        ctx.status(status);
      });
    }).start("127.0.0.1", port);
  }

  @Override
  protected void stopReceiver() {
    if (receiver != null) {
      receiver.stop();
      receiver = null;
    }
  }

  @AfterEach
  void stop() {
    stopReceiver();
  }

  @Test
  void aWrongSecretIsRefusedOnceDroppedAndCountedNotRetried() throws Exception {
    startReceiver();
    sinkSecret = "wrong".getBytes(StandardCharsets.UTF_8);
    RetryingSink sink = start(Duration.ofMillis(50));
    sink.publish(alert("farm-x"));
    sink.publish(alert("farm-y"));
    for (int i = 0; i < 100 && sink.dropped() < 2; i++) {
      Thread.sleep(20);
    }
    assertThat(drops).isEqualTo(Map.of("webhook/http_401", 2L));
    assertThat(requests).hasSize(2);
    assertThat(got).isEmpty();
  }

  @Test
  void busyAnswersAreRetriedWithTheSameDeliveryIdAndAFreshSignature() throws Exception {
    startReceiver();
    scriptedAnswers.addAll(List.of(503, 429));
    start(Duration.ofMillis(200)).publish(alert("farm-busy"));
    awaitReceived("farm-busy");
    assertThat(requests).hasSize(3).extracting(Request::delivery).containsOnly(requests.get(0).delivery());
    assertThat(drops).isEmpty();
  }

  @Test
  void theSignatureCoversTimestampAndDeliveryIdSoAReplayIsRefused() throws Exception {
    startReceiver();
    start(Duration.ofSeconds(1)).publish(alert("farm-signed"));
    awaitReceived("farm-signed");
    Request original = requests.get(0);
    assertThat(original.signature()).matches("sha256=[0-9a-f]{64}");
    assertThat(verify(original)).as("the same request again").isEqualTo(200);
    long later = original.timestamp() + 1;
    assertThat(verify(new Request(later, "other-delivery", original.signature(), original.body())))
        .as("new delivery id, old signature").isEqualTo(401);
    assertThat(verify(new Request(later, original.delivery(), original.signature(), original.body())))
        .as("new timestamp, old signature").isEqualTo(401);
  }

  @Test
  void aRequestSignedOutsideTheReplayWindowIsRefusedByTheReceiver() throws Exception {
    startReceiver();
    sinkClock = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), java.time.ZoneOffset.UTC);
    try (AlertSink sink = newSink()) {
      assertThatThrownBy(() -> sink.deliver(alert("farm-stale"))).isInstanceOf(PermanentSinkFailure.class)
          .hasMessageContaining("401");
    }
    assertThat(got).isEmpty();
  }

  @Test
  void plainHttpIsRefusedOffLoopbackAndHttpsIsTaken() {
    assertThatThrownBy(() -> new WebhookSink(URI.create("http://siem.example.com/hook"), SECRET, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
    assertThatThrownBy(() -> new WebhookSink(URI.create("http://10.0.0.5/hook"), SECRET, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
    new WebhookSink(URI.create("https://siem.example.com/hook"), SECRET, Clock.systemUTC()).close();
    new WebhookSink(URI.create("http://[::1]:9/hook"), SECRET, Clock.systemUTC()).close();
    new WebhookSink(URI.create("http://localhost:9/hook"), SECRET, Clock.systemUTC()).close();
  }

  @Test
  void serveRefusesAPlainHttpWebhookAtStartNamingTheOption() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret"), "s3cret");
    StringWriter err = new StringWriter();
    int exit = CollectorMain.commandLine().setErr(new PrintWriter(err, true)).execute("serve",
        "--data", tmp.resolve("data").toString(), "--listen", "127.0.0.1:0",
        "--sink-webhook", "http://siem.example.com/hook", "--webhook-secret-file", secret.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--sink-webhook").contains("https://").doesNotContain("Exception");
  }
}
