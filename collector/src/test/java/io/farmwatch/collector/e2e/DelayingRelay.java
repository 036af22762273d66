package io.farmwatch.collector.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A home's path to the collector, in user space: an HTTP relay (the JDK's HTTP server and client)
 * that holds each request and each answer for {@code delay} before passing it on, so every round trip
 * through it grows by twice the delay, and tells the collector, through {@code X-Forwarded-For}, the
 * public address the home leaves from. This kernel has no netem, and the public address never has to
 * exist: no packet leaves the machine.
 *
 * <p>The relay ends the agent's TCP connection itself, so it only stands for the path when the agent
 * speaks plain HTTP, where it times requests and no handshakes (docs/collector.md, "Round-trip physics").
 */
final class DelayingRelay implements AutoCloseable {

  /** Headers the JDK client sets itself or refuses, and hop-by-hop ones a relay must not pass on. */
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI target;
  private final String forwardedFor;
  private final Duration delay;

  /**
   * @param listen where the home's agents connect
   * @param target the collector's base URI, e.g. http://127.0.0.1:8470
   * @param forwardedFor the public address the collector is to believe the home leaves from
   * @param delay added to each direction
   */
  DelayingRelay(InetSocketAddress listen, URI target, String forwardedFor, Duration delay) throws IOException {
    this.target = target;
    this.forwardedFor = forwardedFor;
    this.delay = delay;
    this.server = HttpServer.create(listen, 50);
    server.createContext("/", this::relay);
    server.setExecutor(threads);
    server.start();
  }

  private void relay(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Thread.sleep(delay.toMillis());
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
          .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      request.header("X-Forwarded-For", forwardedFor);
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // The collector restarted under a kept-alive connection, or is down: a gateway's answer, not silence.
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      Thread.sleep(delay.toMillis());
      for (Map.Entry<String, List<String>> h : answer.headers().map().entrySet()) {
        if (!NOT_FORWARDED.contains(h.getKey().toLowerCase()) && !h.getKey().startsWith(":")) {
          exchange.getResponseHeaders().put(h.getKey(), h.getValue());
        }
      }
      byte[] out = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
