package io.farmwatch.agent.runtime.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.BuildInfo;
import io.farmwatch.protocol.ProtocolJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** Talks to the collector's HTTP API (see collector-protocol/PROTOCOL.md). */
public final class CollectorClient {

  private static final String ENROLL_PATH = "api/v1/enroll";
  private static final String REPORTS_PATH = "api/v1/reports";
  private static final int MAX_REASON_CHARS = 300;

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param sslContext the pinned trust, or null for the system trust store
   */
  public CollectorClient(URI base, SSLContext sslContext, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // HTTP/1.1: the JDK's h2c upgrade attempt on http:// confuses some proxies for no gain.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.http = builder.build();
    this.timeout = timeout;
  }

  /** Enrolls the device; returns the collector-assigned device ID. */
  public String enroll(EnrollRequest request) throws IOException, CollectorRefusedException {
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(request);
    HttpResponse<byte[]> response;
    try {
      response = http.send(post(ENROLL_PATH, body, false), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while enrolling", e);
    } catch (IOException e) {
      throw new IOException("cannot reach " + base + ": " + describe(e), e);
    }
    int status = response.statusCode();
    ErrorBody error = ErrorBody.parse(response.body());
    if (status == 200 || status == 201) {
      JsonNode id = error.json == null ? null : error.json.get("deviceId");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        throw new IOException("collector answered " + status + " without a deviceId: " + error.text);
      }
      return id.asText();
    }
    if (status >= 400 && status < 500) {
      throw new CollectorRefusedException(status, error.code(), error.message());
    }
    throw new IOException("collector answered HTTP " + status + ": " + error.message());
  }

  /** Posts one signed envelope (gzip) and classifies the answer; never throws for network faults. */
  public DeliveryOutcome deliver(byte[] envelopeJson) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(post(REPORTS_PATH, envelopeJson, true), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return new DeliveryOutcome.Unreachable("timed out after " + timeout);
    } catch (SSLException e) {
      return new DeliveryOutcome.Unreachable("TLS failed (certificate not trusted or pin mismatch?): " + e.getMessage());
    } catch (IOException e) {
      return new DeliveryOutcome.Unreachable("cannot reach " + base + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeliveryOutcome.Unreachable("interrupted");
    }
    return classify(response.statusCode(), ErrorBody.parse(response.body()));
  }

  static DeliveryOutcome classify(int status, ErrorBody body) {
    if (status == 200 || status == 202) {
      JsonNode seq = body.json == null ? null : body.json.get("sequence");
      return new DeliveryOutcome.Accepted(seq != null && seq.canConvertToLong() ? seq.longValue() : -1);
    }
    if (status == 409 && "replayed".equals(body.code())) {
      return new DeliveryOutcome.AlreadyDelivered(body.message());
    }
    if (status == 408 || status == 429) {
      return new DeliveryOutcome.Unreachable("collector busy (HTTP " + status + "): " + body.message());
    }
    if (status == 401 || status == 403) {
      return new DeliveryOutcome.DeviceRejected(status, body.code(), body.message());
    }
    if (status >= 400 && status < 500) {
      return new DeliveryOutcome.ReportRejected(status, body.code(), body.message());
    }
    return new DeliveryOutcome.Unreachable("collector answered HTTP " + status + ": " + body.message());
  }

  private HttpRequest post(String path, byte[] body, boolean gzip) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "farmwatch-agent/" + BuildInfo.version());
    if (gzip) {
      request.header("Content-Encoding", "gzip");
      body = gzip(body);
    }
    return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip cannot fail", e);
    }
    return out.toByteArray();
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused or no route to host";
    }
    // The JDK client wraps the interesting exception, often with no message of its own.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  /** The collector's {@code {"error": code, "message": text}} body, tolerating anything else. */
  static final class ErrorBody {
    final JsonNode json;
    final String text;

    private ErrorBody(JsonNode json, String text) {
      this.json = json;
      this.text = text;
    }

    static ErrorBody parse(byte[] body) {
      String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
      if (text.length() > MAX_REASON_CHARS) {
        text = text.substring(0, MAX_REASON_CHARS) + "...";
      }
      JsonNode json = null;
      try {
        JsonNode node = body == null || body.length == 0 ? null : ProtocolJson.mapper().readTree(body);
        json = node != null && node.isObject() ? node : null;
      } catch (IOException e) {
        // A proxy's HTML error page, say: the text itself is the best reason we have.
      }
      return new ErrorBody(json, text);
    }

    String code() {
      JsonNode code = json == null ? null : json.get("error");
      return code != null && code.isTextual() ? code.asText() : null;
    }

    String message() {
      JsonNode message = json == null ? null : json.get("message");
      if (message != null && message.isTextual()) {
        return message.asText();
      }
      return text.isBlank() ? "(no reason given)" : text.strip();
    }
  }
}
