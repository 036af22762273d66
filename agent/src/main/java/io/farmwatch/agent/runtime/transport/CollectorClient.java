package io.farmwatch.agent.runtime.transport;

import io.farmwatch.protocol.report.CollectorRtt;
import java.net.InetAddress;
import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.BuildInfo;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.envelope.InvalidKeyFormatException;
import io.farmwatch.protocol.policy.DeviceRequestAuth;
import io.farmwatch.protocol.policy.PolicyVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

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
  private static final String POLICY_PATH = DeviceRequestAuth.PATH.substring(1);
  /** The collector's smallest answer, used as the one timed request after a cycle's reports. */
  private static final String HEALTH_PATH = "healthz";
  private static final int MAX_REASON_CHARS = 300;
  private static final int MAX_CODE_CHARS = 64;
  /** A Retry-After beyond this is read as this; the run loop caps it further by retry.maxBackoff. */
  private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  private static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final URI base;
  private ConnectionCountingTls tls;
  private final Duration timeout;
  private final Duration deadline;
  private final RoundTrips roundTrips = new RoundTrips();

  /**
   * The status, (capped) body and Retry-After of one answer.
   *
   * @param retryAfter the collector's Retry-After, or null when it gave none or an unreadable one
   */
  private record Answer(int status, byte[] body, Duration retryAfter) {}

  /**
   * Ends requests that outlive their deadline. One daemon thread, started on the first request and
   * gone a minute after the last, so an idle agent keeps no thread for it.
   */
  private static final class Watchdog {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "collector-deadline");
        t.setDaemon(true);
        return t;
      });
      executor.setRemoveOnCancelPolicy(true);
      executor.setKeepAliveTime(1, TimeUnit.MINUTES);
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }
  }

  /**
   * @param sslContext the pinned trust, or null for the system trust store
   * @param timeout how long one connect or read may wait
   * @param deadline how long a whole request (connect, send, the complete answer) may take
   */
  public CollectorClient(URI base, SSLContext sslContext, Duration timeout, Duration deadline) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.tls = sslContext == null ? null : new ConnectionCountingTls(sslContext.getSocketFactory());
    if (tls != null) {
      // Every HttpsURLConnection starts from the JVM-wide default factory, and building that
      // default loads and parses the whole system trust store (about 1.5 MB of heap for good).
      // A pinned agent never uses it; connections still get their factory set one by one below.
      HttpsURLConnection.setDefaultSSLSocketFactory(tls);
    }
    this.timeout = timeout;
    this.deadline = deadline;
  }

  /** Enrolls the device; returns the collector-assigned device ID and its policy key. */
  public Enrolled enroll(EnrollRequest request) throws IOException, CollectorRefusedException {
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(request);
    Answer response;
    try {
      response = post(ENROLL_PATH, body);
    } catch (DeadlineExceededException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException("cannot reach " + base + ": " + describe(e), e);
    }
    int status = response.status();
    ErrorBody error = ErrorBody.parse(response.body());
    if (status == 200 || status == 201) {
      JsonNode id = error.json == null ? null : error.json.get("deviceId");
      if (id == null || !id.isTextual()) {
        throw new InvalidAnswerException("collector answered " + status + " without a deviceId: " + error.text);
      }
      if (!DeviceIdSyntax.valid(id.asText())) {
        throw new InvalidAnswerException("collector answered " + status + " with a device ID that is not 'dev_'"
            + " and 32 lower-case hex digits (PROTOCOL.md 3.1), so nothing was stored: '"
            + Untrusted.text(id.asText(), 48) + "' (" + id.asText().length() + " chars)");
      }
      JsonNode policyKey = error.json.get("policyKey");
      if (policyKey != null && !(policyKey.isTextual() && isPublicKey(policyKey.asText()))) {
        throw new InvalidAnswerException("collector answered " + status + " with a policyKey that is not an"
            + " Ed25519 PEM public key (PROTOCOL.md 3.1), so nothing was stored");
      }
      return new Enrolled(id.asText(), policyKey == null ? null : policyKey.asText());
    }
    if (status >= 400 && status < 500) {
      throw new CollectorRefusedException(status, error.code(), error.message());
    }
    throw new IOException("collector answered HTTP " + status + ": " + error.message());
  }

  private static boolean isPublicKey(String pem) {
    try {
      EncodedPublicKey.fromPem(pem);
      return true;
    } catch (InvalidKeyFormatException e) {
      return false;
    }
  }

  /**
   * Asks for the central policy, signed as the device (PROTOCOL.md 7.4); never throws for network
   * faults. The answer is capped like every other, so an oversized one fails verification later.
   *
   * @param runningVersion the version the agent runs, sent as If-None-Match; null for none
   */
  public PolicyAnswer fetchPolicy(String deviceId, PrivateKey deviceKey, Long runningVersion) {
    String time = DeviceRequestAuth.time(Instant.now());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(DeviceRequestAuth.DEVICE_HEADER, deviceId);
    headers.put(DeviceRequestAuth.TIME_HEADER, time);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(deviceKey);
      signer.update(DeviceRequestAuth.message(deviceId, time));
      headers.put(DeviceRequestAuth.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
    if (runningVersion != null) {
      headers.put("If-None-Match", "\"" + runningVersion + "\"");
    }
    Answer answer;
    try {
      answer = request("GET", POLICY_PATH, null, headers, PolicyVerifier.MAX_SIGNED_BYTES + 1);
    } catch (IOException e) {
      return new PolicyAnswer.Failed("cannot reach " + base + ": " + describe(e));
    }
    return switch (answer.status()) {
      case 200 -> new PolicyAnswer.Fetched(answer.body());
      case 304 -> new PolicyAnswer.Unchanged();
      case 404 -> new PolicyAnswer.NoPolicy();
      default -> new PolicyAnswer.Failed("collector answered HTTP " + answer.status() + ": "
          + ErrorBody.parse(answer.body()).message());
    };
  }

  /**
   * Posts one signed envelope and classifies the answer; never throws for network faults. The
   * body goes as it is: the report inside is compressed already, and base64 does not compress.
   */
  public DeliveryOutcome deliver(byte[] envelopeJson) {
    Answer response;
    try {
      response = post(REPORTS_PATH, envelopeJson);
    } catch (DeadlineExceededException e) {
      return new DeliveryOutcome.Unreachable(e.getMessage(), null);
    } catch (SocketTimeoutException e) {
      return new DeliveryOutcome.Unreachable("timed out after " + timeout, null);
    } catch (SSLException e) {
      return new DeliveryOutcome.Unreachable(
          "TLS failed (certificate not trusted or pin mismatch?): " + Untrusted.text(e.getMessage(), MAX_REASON_CHARS), null);
    } catch (IOException e) {
      return new DeliveryOutcome.Unreachable("cannot reach " + base + ": " + describe(e), null);
    }
    return classify(response.status(), ErrorBody.parse(response.body()), response.retryAfter());
  }

  /**
   * 409 {@code replayed} is left to the caller, who knows whether it sent the report before. Any
   * other 4xx, codes this agent does not know included, refuses that report for good; 401 and 403
   * refuse the device; 408, 429 and 5xx ask to try later, after Retry-After if given.
   */
  static DeliveryOutcome classify(int status, ErrorBody body, Duration retryAfter) {
    if (status == 200 || status == 202) {
      JsonNode seq = body.json == null ? null : body.json.get("sequence");
      return new DeliveryOutcome.Accepted(seq != null && seq.canConvertToLong() ? seq.longValue() : -1);
    }
    if (status == ErrorCode.REPLAYED.httpStatus() && ErrorCode.REPLAYED.code().equals(body.code())) {
      return new DeliveryOutcome.Replayed(body.message());
    }
    if (status == 408 || status == 429) {
      return new DeliveryOutcome.Unreachable("collector busy (HTTP " + status + "): " + body.message(), retryAfter);
    }
    if (status == 401 || status == 403) {
      return new DeliveryOutcome.DeviceRefused(status, body.code(), body.message());
    }
    if (status >= 400 && status < 500) {
      return new DeliveryOutcome.ReportRefused(status, body.code(), body.message());
    }
    return new DeliveryOutcome.Unreachable("collector answered HTTP " + status + ": " + body.message(), retryAfter);
  }

  /**
   * One request within the overall deadline. The per-read timeout alone would let a peer that
   * answers a byte every few seconds hold the request forever, so a watchdog disconnects it at the
   * deadline, and the answer's body is read in chunks with the deadline checked after each.
   */
  /**
   * Times one tiny request ({@code GET /healthz}) on the connection the reports just used, which
   * HttpURLConnection keeps alive and hands to the next request to the same collector. The round
   * trip counts from the request's first byte to the answer's status line; the connection's own
   * handshake was timed when it was made. Failures only cost the sample.
   */
  public void measureRoundTrip() {
    try {
      request("GET", HEALTH_PATH, null, Map.of(), MAX_RESPONSE_BYTES);
    } catch (IOException e) {
      // The reports were delivered; a collector that will not answer /healthz just gives no sample.
    }
  }

  /**
   * Round trips measured since the previous call (the TCP handshake of each new connection, and each
   * {@link #measureRoundTrip()}), as the next report carries them; null when none was measured.
   */
  public CollectorRtt takeRoundTrips() {
    return roundTrips.take();
  }

  private Answer post(String path, byte[] body) throws IOException {
    return request("POST", path, body, Map.of("Content-Type", "application/json"), MAX_RESPONSE_BYTES);
  }

  private Answer request(String method, String path, byte[] body, Map<String, String> headers, int maxAnswer)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    long deadlineAt = System.nanoTime() + deadline.toNanos();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> watchdog = Watchdog.EXECUTOR.schedule(() -> {
      expired.set(true);
      c.disconnect();
    }, deadline.toNanos(), TimeUnit.NANOSECONDS);
    try {
      Answer answer = exchange(c, method, body, headers, maxAnswer, deadlineAt);
      watchdog.cancel(false);
      if (expired.get()) {
        throw new DeadlineExceededException(deadline, null);
      }
      return answer;
    } catch (IOException e) {
      watchdog.cancel(false);
      c.disconnect();
      if (expired.get() || System.nanoTime() - deadlineAt >= 0) {
        throw e instanceof DeadlineExceededException ? e : new DeadlineExceededException(deadline, e);
      }
      throw e;
    }
  }

  private Answer exchange(HttpURLConnection c, String method, byte[] body, Map<String, String> headers,
      int maxAnswer, long deadlineAt) throws IOException {
    ConnectionCountingTls counted = null;
    if (c instanceof HttpsURLConnection https) {
      counted = tls();
      https.setSSLSocketFactory(counted);
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.min(timeout.toMillis(), deadline.toMillis()));
    c.setConnectTimeout(millis);
    c.setReadTimeout(millis);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setRequestMethod(method);
    headers.forEach(c::setRequestProperty);
    c.setRequestProperty("User-Agent", "farmwatch-agent/" + BuildInfo.version());
    if (body != null) {
      c.setDoOutput(true);
    }
    connect(c, counted);
    int status;
    if (body == null) {
      // A small GET on the kept-alive connection: its answer time is one round trip to the collector.
      long sent = System.nanoTime();
      status = c.getResponseCode();
      // Only the collector's own answer is its round trip: a 502 or 503 may come from a proxy or load
      // balancer in front of it, nearer than the collector, and would make the laptop look nearer too.
      if (status == HttpURLConnection.HTTP_OK) {
        roundTrips.add(System.nanoTime() - sent);
      }
    } else {
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      status = c.getResponseCode();
    }
    Duration retryAfter = retryAfter(c.getHeaderField("Retry-After"));
    InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    if (in == null) {
      return new Answer(status, new byte[0], retryAfter);
    }
    try (in) {
      // Capped: a misbehaving proxy's endless answer must not fill the agent's small heap.
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while (answer.size() < maxAnswer
          && (n = in.read(chunk, 0, Math.min(chunk.length, maxAnswer - answer.size()))) >= 0) {
        answer.write(chunk, 0, n);
        if (System.nanoTime() - deadlineAt >= 0) {
          throw new DeadlineExceededException(deadline, null);
        }
      }
      return new Answer(status, answer.toByteArray(), retryAfter);
    }
  }

  /** Retry-After as delta-seconds or an HTTP date (RFC 9110 10.2.3), capped; null if absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank() || header.length() > 64) {
      return null;
    }
    String value = header.strip();
    Duration wait;
    try {
      wait = value.chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(value))
          : Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (NumberFormatException | DateTimeParseException e) {
      return value.chars().allMatch(Character::isDigit) ? MAX_RETRY_AFTER : null;
    }
    if (wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
  }

  /**
   * Connects, or takes the kept-alive connection, and times a new connection's TCP handshake. Only
   * over TLS does the agent see that a connection is new, so plain http measures no handshake. The
   * collector's name is resolved first so that the time holds no DNS lookup (the JVM caches the answer).
   */
  private void connect(HttpURLConnection c, ConnectionCountingTls counted) throws IOException {
    if (counted == null) {
      c.connect();
      return;
    }
    InetAddress.getAllByName(base.getHost());
    long before = counted.connections();
    long started = System.nanoTime();
    c.connect();
    if (counted.connections() == before + 1) {
      roundTrips.add(counted.lastConnectedNanos() - started);
    }
  }

  private synchronized ConnectionCountingTls tls() throws IOException {
    if (tls == null) {
      try {
        tls = new ConnectionCountingTls(SSLContext.getDefault().getSocketFactory());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IOException("no default TLS context in this JVM", e);
      }
    }
    return tls;
  }

  private static String describe(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "connection refused or no route to host";
    }
    // The interesting exception is often wrapped, with no message of its own.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        // Messages may quote the peer (a certificate's names, a malformed status line).
        return t.getClass().getSimpleName() + ": " + Untrusted.text(t.getMessage(), MAX_REASON_CHARS);
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
      String text = Untrusted.text(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8), MAX_REASON_CHARS);
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
      return code != null && code.isTextual() ? Untrusted.text(code.asText(), MAX_CODE_CHARS) : null;
    }

    String message() {
      JsonNode message = json == null ? null : json.get("message");
      if (message != null && message.isTextual()) {
        return Untrusted.text(message.asText(), MAX_REASON_CHARS);
      }
      return text.isBlank() ? "(no reason given)" : text.strip();
    }
  }
}
