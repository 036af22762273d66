package io.farmwatch.agent.runtime.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.BuildInfo;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * Talks to the collector's HTTP API (see collector-protocol/PROTOCOL.md).
 *
 * <p>On {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: one POST every few minutes
 * needs no asynchronous client, and the latter keeps a selector thread and two workers alive and
 * loads several hundred classes (and, even for http://, the system trust store) into a service
 * whose resident memory is budgeted.
 */
public final class CollectorClient {

  private static final String ENROLL_PATH = "api/v1/enroll";
  private static final String REPORTS_PATH = "api/v1/reports";
  private static final int MAX_REASON_CHARS = 300;

  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final URI base;
  private final SSLSocketFactory pinnedTls;
  private final Duration timeout;

  /** The status and (capped) body of one answer. */
  private record Answer(int status, byte[] body) {}

  /**
   * @param sslContext the pinned trust, or null for the system trust store
   */
  public CollectorClient(URI base, SSLContext sslContext, Duration timeout) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.pinnedTls = sslContext == null ? null : sslContext.getSocketFactory();
    if (pinnedTls != null) {
      // Every HttpsURLConnection starts from the JVM-wide default factory, and building that
      // default loads and parses the whole system trust store (about 1.5 MB of heap for good).
      // A pinned agent never uses it; connections still get their factory set one by one below.
      HttpsURLConnection.setDefaultSSLSocketFactory(pinnedTls);
    }
    this.timeout = timeout;
  }

  /** Enrolls the device; returns the collector-assigned device ID. */
  public String enroll(EnrollRequest request) throws IOException, CollectorRefusedException {
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(request);
    Answer response;
    try {
      response = post(ENROLL_PATH, body);
    } catch (IOException e) {
      throw new IOException("cannot reach " + base + ": " + describe(e), e);
    }
    int status = response.status();
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

  /**
   * Posts one signed envelope and classifies the answer; never throws for network faults. The
   * body goes as it is: the report inside is compressed already, and base64 does not compress.
   */
  public DeliveryOutcome deliver(byte[] envelopeJson) {
    Answer response;
    try {
      response = post(REPORTS_PATH, envelopeJson);
    } catch (SocketTimeoutException e) {
      return new DeliveryOutcome.Unreachable("timed out after " + timeout);
    } catch (SSLException e) {
      return new DeliveryOutcome.Unreachable("TLS failed (certificate not trusted or pin mismatch?): " + e.getMessage());
    } catch (IOException e) {
      return new DeliveryOutcome.Unreachable("cannot reach " + base + ": " + describe(e));
    }
    return classify(response.status(), ErrorBody.parse(response.body()));
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

  private Answer post(String path, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    try {
      if (c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(pinnedTls != null ? pinnedTls : systemTls());
      }
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      c.setConnectTimeout(millis);
      c.setReadTimeout(millis);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("User-Agent", "farmwatch-agent/" + BuildInfo.version());
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in == null) {
        return new Answer(status, new byte[0]);
      }
      try (in) {
        // Capped: a misbehaving proxy's endless answer must not fill the agent's small heap.
        return new Answer(status, in.readNBytes(MAX_RESPONSE_BYTES));
      }
    } catch (IOException e) {
      c.disconnect();
      throw e;
    }
  }

  private static SSLSocketFactory systemTls() throws IOException {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException("no default TLS context in this JVM", e);
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused or no route to host";
    }
    // The interesting exception is often wrapped, with no message of its own.
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
