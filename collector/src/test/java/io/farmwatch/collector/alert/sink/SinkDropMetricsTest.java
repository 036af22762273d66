package io.farmwatch.collector.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.alert.sink.webhook.WebhookSink;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.server.CollectorApp;
import io.farmwatch.collector.server.ServerSettings;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sink's drops reach the collector's /metrics. */
class SinkDropMetricsTest {

  @TempDir Path tmp;

  @Test
  void aWebhookThatRefusesAnAlertShowsAsADropByReasonInMetrics() throws Exception {
    Javalin receiver = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.routes.post("/hook", ctx -> ctx.status(413));
    }).start("127.0.0.1", 0);
    RetryingSink sink = new RetryingSink(new WebhookSink(URI.create("http://127.0.0.1:" + receiver.port() + "/hook"),
        "secret".getBytes(StandardCharsets.UTF_8), Clock.systemUTC()), 10, Duration.ofMillis(50), Duration.ofSeconds(1), 3);
    ServerSettings settings = new ServerSettings("127.0.0.1", 0, null, null, false, List.of(), Duration.ofMinutes(5),
        Duration.ofDays(30));
    try (CollectorApp app = new CollectorApp(SqliteStorage.open(tmp), settings, Duration.ofDays(90),
        CorrelationSettings.DEFAULT, List.of(sink), Clock.systemUTC())) {
      sink.publish(AlertSinkContract.alert("farm-refused"));
      for (int i = 0; i < 100 && sink.dropped() == 0; i++) {
        Thread.sleep(20);
      }
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(app.server().url("127.0.0.1") + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("farmwatch_sink_dropped_total{sink=\"webhook\",reason=\"http_413\"} 1");
    } finally {
      receiver.stop();
    }
  }
}
