package io.farmwatch.agent.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.InvalidKeyFormatException;
import io.farmwatch.protocol.envelope.KnownDevice;
import io.farmwatch.protocol.envelope.VerificationPolicy;
import io.farmwatch.protocol.envelope.VerificationResult;
import io.farmwatch.protocol.report.Report;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A small collector on loopback speaking the contract of collector-protocol/PROTOCOL.md: enrolls
 * devices, verifies envelopes with the protocol's {@link EnvelopeVerifier}, stores accepted
 * sequences. It can be stopped and started on the same port to play an unreachable collector, and
 * told to reject, revoke or stall, for the agent's runtime tests and footprint benchmark.
 */
public final class LoopbackCollector implements AutoCloseable {

  /** A report the collector accepted, with the decoded report. */
  /**
   * A report the loopback collector accepted.
   *
   * @param envelopeVersion the envelope's {@code v}
   * @param httpGzip whether the request body came with {@code Content-Encoding: gzip}
   */
  public record Received(String deviceId, long sequence, Report report, int envelopeVersion, boolean httpGzip) {}

  /** One request as it arrived: the client's port tells which TCP connection carried it. */
  public record Request(String method, String path, int clientPort) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final EnvelopeVerifier verifier = new EnvelopeVerifier(VerificationPolicy.DEFAULT, Clock.systemUTC());
  private final Map<String, KnownDevice> devices = new ConcurrentHashMap<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final List<Received> accepted = new CopyOnWriteArrayList<>();
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private final Map<Long, ErrorCode> forcedRejections = new ConcurrentHashMap<>();
  private final AtomicInteger enrollments = new AtomicInteger();
  private final AtomicInteger replays = new AtomicInteger();
  private volatile boolean acceptAnyToken;
  private volatile int unavailableStatus;
  private volatile Duration responseDelay = Duration.ZERO;
  private Javalin app;
  private int port;
  private Path tlsKeystore;
  private ServerConnector tlsConnector;

  /** Starts plain HTTP on an ephemeral loopback port. */
  public static LoopbackCollector start() {
    LoopbackCollector c = new LoopbackCollector();
    c.startOn(0);
    return c;
  }

  /** Starts HTTPS with the PKCS#12 keystore (password "changeit") on an ephemeral port. */
  public static LoopbackCollector startTls(Path keystore) {
    LoopbackCollector c = new LoopbackCollector();
    c.tlsKeystore = keystore;
    c.startOn(0);
    return c;
  }

  private synchronized void startOn(int wanted) {
    app = Javalin.create(config -> {
      config.jetty.host = "127.0.0.1";
      config.startup.showJavalinBanner = false;
      config.routes.before(ctx -> requests.add(new Request(ctx.method().name(), ctx.path(), ctx.req().getRemotePort())));
      config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
      config.routes.post("/api/v1/enroll", this::enroll);
      config.routes.post("/api/v1/reports", this::report);
      if (tlsKeystore != null) {
        config.jetty.addConnector((server, http) -> {
          SslContextFactory.Server ssl = new SslContextFactory.Server();
          ssl.setKeyStorePath(tlsKeystore.toString());
          ssl.setKeyStorePassword("changeit");
          ssl.setKeyStoreType("PKCS12");
          tlsConnector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
              new HttpConnectionFactory(http));
          tlsConnector.setHost("127.0.0.1");
          tlsConnector.setPort(wanted);
          return tlsConnector;
        });
      }
    });
    app.start("127.0.0.1", tlsKeystore != null ? 0 : wanted);
    port = tlsKeystore != null ? tlsConnector.getLocalPort() : app.port();
  }

  /** Makes the collector unreachable: connections are refused. */
  public synchronized void stop() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  /** Brings the collector back on the same port, with all its state. */
  public synchronized void restart() {
    stop();
    startOn(port);
  }

  @Override
  public void close() {
    stop();
  }

  public String url() {
    return (tlsKeystore != null ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public LoopbackCollector allowToken(String token) {
    tokens.add(token);
    return this;
  }

  public void acceptAnyToken() {
    acceptAnyToken = true;
  }

  /** Answers every report with this status (e.g. 503) until set to 0. */
  public void answerReportsWith(int status) {
    unavailableStatus = status;
  }

  /** Refuses the report with this sequence, as the real collector would for that reason. */
  public void reject(long sequence, ErrorCode reason) {
    forcedRejections.put(sequence, reason);
  }

  /** Records {@code sequence} as the device's last accepted one, as if it had sent it. */
  public void holdSequence(String deviceId, long sequence) {
    devices.computeIfPresent(deviceId, (id, d) -> new KnownDevice(id, d.key(), sequence, d.revoked()));
  }

  public void revoke(String deviceId) {
    devices.computeIfPresent(deviceId, (id, d) -> new KnownDevice(id, d.key(), d.lastSequence(), true));
  }

  /** Delays each report answer, so a test can kill the agent while a send is in flight. */
  public void delayResponses(Duration delay) {
    responseDelay = delay;
  }

  /** Every request received, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Received> accepted() {
    return List.copyOf(accepted);
  }

  public List<Long> acceptedSequences() {
    return accepted.stream().map(Received::sequence).toList();
  }

  /** Every sequence a report request carried, accepted or not, in arrival order. */
  public List<Long> attempts() {
    return List.copyOf(attempts);
  }

  /** The ID this collector gives the n-th device it enrolls, in the real collector's syntax. */
  public static String deviceId(int n) {
    return String.format("dev_%032x", n);
  }

  public int enrollments() {
    return enrollments.get();
  }

  public int replays() {
    return replays.get();
  }

  private void enroll(Context ctx) throws IOException {
    JsonNode body;
    try {
      body = ProtocolJson.mapper().readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      error(ctx, 400, "malformed_request", "body is not JSON");
      return;
    }
    String token = text(body, "token");
    if (token == null || !(acceptAnyToken || tokens.remove(token))) {
      error(ctx, 401, "invalid_token", "enrollment token is unknown or used");
      return;
    }
    DeviceKey key;
    try {
      key = DeviceKey.fromPem(text(body, "publicKey"));
    } catch (InvalidKeyFormatException e) {
      error(ctx, 400, "invalid_key", e.getMessage());
      return;
    }
    String deviceId = deviceId(enrollments.incrementAndGet());
    devices.put(deviceId, new KnownDevice(deviceId, key, -1, false));
    ctx.status(201).contentType("application/json")
        .result(ProtocolJson.mapper().writeValueAsString(Map.of("deviceId", deviceId)));
  }

  private void report(Context ctx) throws Exception {
    if (!responseDelay.isZero()) {
      Thread.sleep(responseDelay.toMillis());
    }
    if (unavailableStatus != 0) {
      error(ctx, unavailableStatus, "unavailable", "collector is in maintenance");
      return;
    }
    boolean gzip = "gzip".equalsIgnoreCase(ctx.header("Content-Encoding"));
    byte[] body = ctx.bodyAsBytes();
    if (gzip) {
      try {
        body = Gzip.decompress(body, ProtocolLimits.MAX_INFLATED_BODY_BYTES);
      } catch (Gzip.TooLarge e) {
        error(ctx, 413, "too_large", "inflated body too large");
        return;
      }
    }
    VerificationResult result;
    synchronized (this) {
      result = verifier.verify(body, id -> Optional.ofNullable(devices.get(id)));
      if (result instanceof VerificationResult.Verified v) {
        long seq = v.report().device().sequence();
        attempts.add(seq);
        ErrorCode forced = forcedRejections.get(seq);
        if (forced != null) {
          result = new VerificationResult.Refused(forced, "forced by test");
        } else {
          KnownDevice d = v.device();
          devices.put(d.deviceId(), new KnownDevice(d.deviceId(), d.key(), seq, d.revoked()));
          accepted.add(new Received(d.deviceId(), seq, v.report(), v.envelope().v(), gzip));
          ctx.status(202).contentType("application/json")
              .result(ProtocolJson.mapper().writeValueAsString(Map.of("status", "accepted", "sequence", seq)));
          return;
        }
      }
    }
    VerificationResult.Refused r = (VerificationResult.Refused) result;
    if (r.reason() == ErrorCode.REPLAYED) {
      replays.incrementAndGet();
    }
    error(ctx, r.reason().httpStatus(), r.reason().code(), r.message());
  }

  private static void error(Context ctx, int status, String code, String message) throws IOException {
    ctx.status(status).contentType("application/json")
        .result(ProtocolJson.mapper().writeValueAsString(Map.of("error", code, "message", message)));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /**
   * Runs a collector for the footprint benchmark: {@code LoopbackCollector PORT}; accepts any
   * token, prints a line per accepted report.
   */
  public static void main(String[] args) throws InterruptedException {
    LoopbackCollector c = new LoopbackCollector();
    c.acceptAnyToken();
    c.startOn(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    System.out.println("collector listening on " + c.url());
    int seen = 0;
    while (true) {
      Thread.sleep(1000);
      List<Received> all = new ArrayList<>(c.accepted);
      for (; seen < all.size(); seen++) {
        System.out.println("accepted " + all.get(seen).deviceId() + " #" + all.get(seen).sequence());
      }
    }
  }
}
