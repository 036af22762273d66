package io.farmwatch.collector.server;

import io.farmwatch.collector.api.AdminApi;
import io.farmwatch.collector.api.AnalystApi;
import io.farmwatch.collector.api.PolicyApi;
import io.farmwatch.collector.api.ConsoleApi;
import io.farmwatch.collector.api.SessionApi;
import io.farmwatch.collector.auth.Access;
import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.auth.Sessions;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.http.Refusal;
import io.farmwatch.collector.ingest.IngestResult;
import io.farmwatch.collector.ingest.IngestService;
import io.farmwatch.collector.metrics.Metrics;
import io.farmwatch.collector.store.StoreException;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.policy.DeviceRequestAuth;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The collector's HTTP endpoints on Javalin (Jetty 12). */
public final class CollectorServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CollectorServer.class);
  static final int RESPONSE_COPY_BUFFER = 4 * 1024;

  private final Javalin app;
  private final boolean tls;

  public CollectorServer(ServerSettings settings, EnrollmentService enrollment, IngestService ingest,
      AnalystApi analyst, AdminApi admin, PolicyApi policy, AgentPolicyEndpoint agentPolicy, ConsoleApi console,
      ApiKeys apiKeys, Sessions sessions, Metrics metrics) throws IOException {
    requireSafeTransport(settings);
    this.tls = settings.tlsCertificate() != null;
    var keyStore = tls ? PemKeyStore.load(settings.tlsCertificate(), settings.tlsKey()) : null;
    EgressResolver egress = new EgressResolver(settings.trustedProxies());
    Uploads uploads = new Uploads(
        new UploadGate(HttpLimits.UPLOAD_SLOTS, HttpLimits.UPLOADS_PER_ADDRESS), egress);
    EnrollmentEndpoint enroll = new EnrollmentEndpoint(enrollment, agentPolicy.policyKeyPem(), uploads, metrics);
    Access access = new Access(apiKeys, sessions);
    SessionApi sessionApi = new SessionApi(sessions, tls);
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = ProtocolLimits.MAX_ENVELOPE_BYTES;
      // Javalin copies each response through a buffer of this size, allocated per response; the
      // default (Jetty's 32 KB output buffer) made much of the garbage per ingested report.
      config.http.responseBufferSize = RESPONSE_COPY_BUFFER;
      QueuedThreadPool pool = new QueuedThreadPool(HttpLimits.REQUEST_THREADS, 4);
      pool.setName("http");
      config.jetty.threadPool = pool;
      config.jetty.modifyServer(server -> {
        server.setStopTimeout(15_000);
        server.setErrorHandler(SecurityHeaders.errorHandler());
        // Past the limit Jetty stops accepting and closes idle connections sooner, so a flood of
        // open sockets cannot exhaust file descriptors or memory.
        NetworkConnectionLimit limit = new NetworkConnectionLimit(HttpLimits.MAX_CONNECTIONS, server);
        limit.setEndPointIdleTimeout(HttpLimits.IDLE_TIMEOUT_AT_LIMIT.toMillis());
        server.addBean(limit);
      });
      config.jetty.addConnector((server, httpConfig) -> {
        ServerConnector connector;
        if (tls) {
          SslContextFactory.Server ssl = new SslContextFactory.Server();
          ssl.setKeyStore(keyStore);
          ssl.setKeyStorePassword("");
          connector = new ServerConnector(server, ssl);
        } else {
          connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        }
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(HttpLimits.IDLE_TIMEOUT.toMillis());
        return connector;
      });
      config.routes.before(SecurityHeaders::apply);
      // The analyst console: static files from the jar at /, its own security headers.
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/console";
        files.location = Location.CLASSPATH;
        files.headers = SecurityHeaders.CONSOLE;
      });
      sessionApi.register(config.routes);
      config.routes.get("/healthz", ctx -> Json.send(ctx, 200, Map.of("status", "ok")));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.render()));
      config.routes.post("/api/v1/enroll", enroll::handle);
      config.routes.post("/api/v1/reports", ctx -> {
        long start = System.nanoTime();
        // How long the request waited for a thread after Jetty began reading it: a pool that
        // group commit has filled with waiting requests shows here, not in the stages below.
        metrics.observe("http_wait",
            start - ServletContextRequest.getServletContextRequest(ctx.req()).getBeginNanoTime());
        IngestResult result;
        try {
          byte[] body = uploads.read(ctx, ProtocolLimits.MAX_ENVELOPE_BYTES);
          result = ingest.ingest(body, uploads.client(ctx));
        } catch (Refusal r) {
          result = new IngestResult.Refused(r.error(), r.getMessage());
        }
        if (result instanceof IngestResult.Accepted a) {
          metrics.ingestOutcome("accepted");
          Json.send(ctx, 202, Map.of("status", "accepted", "sequence", a.sequence()));
        } else {
          IngestResult.Refused r = (IngestResult.Refused) result;
          metrics.ingestOutcome(r.code());
          Json.error(ctx, r.error(), r.message());
        }
        metrics.observe("ingest", System.nanoTime() - start);
      });
      config.routes.get("/api/v1/machines", access.analyst((ctx, key) -> analyst.machines(ctx)));
      config.routes.get("/api/v1/machines/{id}", access.analyst((ctx, key) -> analyst.machine(ctx)));
      config.routes.get("/api/v1/alerts", access.analyst((ctx, key) -> analyst.alerts(ctx)));
      config.routes.get("/api/v1/alerts/counts", access.analyst((ctx, key) -> analyst.alertCounts(ctx)));
      config.routes.get("/api/v1/alerts/{id}", access.analyst((ctx, key) -> analyst.alert(ctx)));
      config.routes.patch("/api/v1/alerts/{id}", access.analyst(analyst::patchAlert));
      config.routes.get("/api/v1/alerts/{id}/machines", access.analyst((ctx, key) -> console.alertMachines(ctx)));
      config.routes.get("/api/v1/alerts/{id}/activity", access.analyst((ctx, key) -> console.alertActivity(ctx)));
      config.routes.get("/api/v1/machines/{id}/activity", access.analyst((ctx, key) -> console.machineActivity(ctx)));
      config.routes.get("/api/v1/fleet", access.analyst((ctx, key) -> console.fleet(ctx)));
      admin.register(config.routes, access);
      policy.register(config.routes, access);
      config.routes.get(DeviceRequestAuth.PATH, agentPolicy::handle);
      config.routes.exception(StoreException.class, (e, ctx) -> {
        LOG.error("database failure on {} {}", ctx.method(), ctx.path(), e);
        Json.error(ctx, ErrorCode.UNAVAILABLE, "the collector's database is unavailable; retry later");
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
        Json.error(ctx, ErrorCode.INTERNAL_ERROR, "unexpected failure; see the collector log");
      });
      config.routes.error(404, ctx -> {
        // Our own 404s (an unknown machine or alert) are JSON already; Javalin's are plain text.
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith("application/json")) {
          // The requested path is not echoed: an answer never repeats what the client chose.
          Json.error(ctx, ErrorCode.NOT_FOUND, "no such endpoint");
        }
      });
      config.routes.error(405, ctx -> Json.error(ctx, ErrorCode.METHOD_NOT_ALLOWED,
          "this method is not allowed on this endpoint"));
    });
  }

  private static void requireSafeTransport(ServerSettings settings) throws IOException {
    if (settings.tlsCertificate() != null || settings.allowPlainHttp()) {
      return;
    }
    if (!InetAddress.getByName(settings.host()).isLoopbackAddress()) {
      throw new IllegalArgumentException("refusing plain HTTP on " + settings.host()
          + ": give --tls-cert and --tls-key, or --allow-plain-http for a lab");
    }
  }

  public CollectorServer start() {
    app.start();
    return this;
  }

  /** The port actually bound (the one asked for, or the one the OS chose for port 0). */
  public int port() {
    for (var connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof ServerConnector sc && sc.getLocalPort() > 0) {
        return sc.getLocalPort();
      }
    }
    return app.port();
  }

  /** Every port the server listens on; with TLS there must be exactly one, the TLS one. */
  public java.util.List<Integer> listeningPorts() {
    java.util.List<Integer> ports = new java.util.ArrayList<>();
    for (var connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof ServerConnector sc && sc.getLocalPort() > 0) {
        ports.add(sc.getLocalPort());
      }
    }
    return ports;
  }

  public String url(String host) {
    return (tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
