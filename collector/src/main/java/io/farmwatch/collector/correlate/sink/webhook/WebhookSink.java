package io.farmwatch.collector.correlate.sink.webhook;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.sink.AlertSink;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each alert update as JSON with {@code X-FarmWatch-Signature: sha256=HEX}, the HMAC-SHA256
 * of the body under a shared secret, so the receiver can check it came from this collector.
 */
public final class WebhookSink implements AlertSink {

  public static final String SIGNATURE_HEADER = "X-FarmWatch-Signature";

  private final URI url;
  private final byte[] secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public WebhookSink(URI url, byte[] secret) {
    this.url = url;
    this.secret = secret.clone();
  }

  public static String signature(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  @Override
  public void deliver(Alert alert) throws IOException {
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(alert);
    HttpResponse<Void> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").header(SIGNATURE_HEADER, signature(secret, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("webhook answered HTTP " + response.statusCode());
    }
  }

  @Override
  public String describe() {
    return "webhook:" + url.getHost();
  }
}
