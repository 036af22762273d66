package io.farmwatch.collector.alert.sink.webhook;

import io.farmwatch.collector.alert.sink.AlertSink;
import io.farmwatch.collector.alert.sink.BoundedMessage;
import io.farmwatch.collector.alert.sink.PermanentSinkFailure;
import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each alert update as JSON, signed so the receiver can check it came from this collector and
 * is not a replay: {@code X-FarmWatch-Signature: sha256=HEX} is the HMAC-SHA256, under a shared
 * secret, of {@code TIMESTAMP.DELIVERY.BODY} with the values of {@code X-FarmWatch-Timestamp} (Unix
 * seconds) and {@code X-FarmWatch-Delivery}. docs/collector.md says how a receiver verifies.
 */
public final class WebhookSink implements AlertSink {

  public static final String SIGNATURE_HEADER = "X-FarmWatch-Signature";
  public static final String TIMESTAMP_HEADER = "X-FarmWatch-Timestamp";
  public static final String DELIVERY_HEADER = "X-FarmWatch-Delivery";

  /** Receivers' request body limits are commonly 1 MB; a quarter leaves room for their framing. */
  public static final int MAX_BODY_BYTES = 256 * 1024;

  /** Answers that say the receiver may take the same request later. */
  private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);

  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final URI url;
  private final byte[] secret;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** @throws IllegalArgumentException for a URL other than https://, or http:// to a loopback host */
  public WebhookSink(URI url, byte[] secret, Clock clock) {
    String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
    String host = String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
    boolean loopback = LOOPBACK_HOSTS.contains(host) || host.startsWith("127.");
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new IllegalArgumentException("the webhook URL must be https:// (plain http:// only to a loopback host"
          + " such as 127.0.0.1), not " + url.getScheme() + "://" + url.getHost());
    }
    this.url = url;
    this.secret = secret.clone();
    this.clock = clock;
  }

  /** {@code sha256=HEX}, the HMAC-SHA256 of {@code timestamp.delivery.body}. */
  public static String signature(byte[] secret, long timestamp, String delivery, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + "." + delivery + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /**
   * The delivery id: the same for every retry of one alert update, so a receiver that got a request
   * whose answer was lost can tell the retry is no new update.
   */
  static String deliveryId(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void deliver(Alert alert) throws IOException {
    byte[] body = BoundedMessage.render(alert, MAX_BODY_BYTES, ProtocolJson.mapper()::writeValueAsBytes);
    long timestamp = clock.instant().getEpochSecond();
    String delivery = deliveryId(body);
    HttpResponse<Void> response;
    try {
      response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header(TIMESTAMP_HEADER, Long.toString(timestamp))
          .header(DELIVERY_HEADER, delivery)
          .header(SIGNATURE_HEADER, signature(secret, timestamp, delivery, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    // A refusal of this request (bad signature, body too large, no such path) repeats on every retry.
    if (status / 100 != 5 && !RETRYABLE_CLIENT_ERRORS.contains(status)) {
      throw new PermanentSinkFailure("http_" + status, "webhook answered HTTP " + status);
    }
    throw new IOException("webhook answered HTTP " + status);
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public String describe() {
    return "webhook:" + url.getHost();
  }
}
