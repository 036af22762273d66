package io.farmwatch.collector.correlate.sink;

import io.farmwatch.collector.correlate.sink.webhook.WebhookSink;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real HTTP receiver that accepts only bodies carrying a valid HMAC signature. */
class WebhookSinkTest extends AlertSinkContract {

  static final byte[] SECRET = "s3cret-shared-with-the-soc".getBytes(StandardCharsets.UTF_8);
  final List<String> got = new CopyOnWriteArrayList<>();
  Javalin receiver;
  int port;
  byte[] sinkSecret = SECRET;

  @Override
  protected AlertSink newSink() throws Exception {
    if (port == 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    return new WebhookSink(URI.create("http://127.0.0.1:" + port + "/hook"), sinkSecret);
  }

  @Override
  protected List<String> received() {
    return got;
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
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSink.signature(SECRET, body).equals(ctx.header(WebhookSink.SIGNATURE_HEADER))) {
          ctx.status(401);
          return;
        }
        got.add(new String(body, StandardCharsets.UTF_8));
        ctx.status(204);
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
  void aWrongSecretIsRefusedByTheReceiverAndNeverCountsAsDelivered() throws Exception {
    startReceiver();
    sinkSecret = "wrong".getBytes(StandardCharsets.UTF_8);
    try (AlertSink sink = newSink()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sink.deliver(alert("farm-x")))
          .hasMessageContaining("401");
    }
    org.assertj.core.api.Assertions.assertThat(got).isEmpty();
  }
}
