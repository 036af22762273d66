package io.farmwatch.collector.cli;

import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.sink.RetryingSink;
import io.farmwatch.collector.correlate.sink.jsonl.JsonLinesSink;
import io.farmwatch.collector.correlate.sink.syslog.SyslogSink;
import io.farmwatch.collector.correlate.sink.webhook.WebhookSink;
import io.farmwatch.collector.server.Cidr;
import io.farmwatch.collector.server.CollectorApp;
import io.farmwatch.collector.server.ServerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the collector until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Receive, verify and store agent reports; serve the analyst API.")
final class ServeCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8470",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (PEM).")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key (PKCS#8 PEM).")
  Path tlsKey;

  @Option(names = "--allow-plain-http",
      description = "Serve plain HTTP on a non-loopback address (labs and tests only).")
  boolean allowPlainHttp;

  @Option(names = "--trusted-proxy", paramLabel = "CIDR",
      description = "Load balancer addresses whose X-Forwarded-For is believed (repeatable).")
  List<String> trustedProxies = List.of();

  @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "90d",
      converter = DurationParser.class,
      description = "Prune raw reports older than this; summaries and alerts stay (default: ${DEFAULT-VALUE}).")
  Duration retention;

  @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationParser.class, description = "Accepted agent clock lead (default: ${DEFAULT-VALUE}).")
  Duration maxClockSkew;

  @Option(names = "--max-report-age", paramLabel = "DURATION", defaultValue = "30d",
      converter = DurationParser.class, description = "Oldest report accepted (default: ${DEFAULT-VALUE}).")
  Duration maxReportAge;

  @Option(names = "--office-egress", paramLabel = "CIDR",
      description = "A declared office network's public addresses: co-location there is expected (repeatable).")
  List<String> officeEgress = List.of();

  @Option(names = "--office-gateway-mac", paramLabel = "MAC",
      description = "A declared office network's gateway MAC (repeatable).")
  List<String> officeGatewayMacs = List.of();

  @Option(names = "--silent-after", paramLabel = "DURATION", defaultValue = "24h", converter = DurationParser.class,
      description = "Raise AGENT_SILENT when an enrolled agent has not reported for this long (default: ${DEFAULT-VALUE}).")
  Duration silentAfter;

  @Option(names = "--sink-jsonl", paramLabel = "FILE", description = "Append alert updates to this JSON-lines file.")
  Path sinkJsonl;

  @Option(names = "--sink-syslog", paramLabel = "URL",
      description = "Send alert updates as RFC 5424 syslog with CEF: udp://HOST:PORT or tcp://HOST:PORT.")
  URI sinkSyslog;

  @Option(names = "--sink-webhook", paramLabel = "URL", description = "POST alert updates as JSON to this https:// URL (http:// only to a loopback host).")
  URI sinkWebhook;

  @Option(names = "--webhook-secret-file", paramLabel = "FILE",
      description = "Shared secret for the webhook's X-FarmWatch-Signature (HMAC-SHA256 of timestamp, delivery id and body).")
  Path webhookSecretFile;

  private List<RetryingSink> sinks(String host) throws java.io.IOException {
    List<RetryingSink> sinks = new java.util.ArrayList<>();
    Duration first = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(5);
    // 1 s doubling to 5 min: 20 attempts span about an hour of receiver downtime before an alert is dropped.
    int attempts = 20;
    if (sinkJsonl != null) {
      sinks.add(new RetryingSink(new JsonLinesSink(sinkJsonl), 10_000, first, max, attempts));
    }
    if (sinkSyslog != null) {
      String scheme = String.valueOf(sinkSyslog.getScheme());
      if (!scheme.equals("udp") && !scheme.equals("tcp") || sinkSyslog.getHost() == null || sinkSyslog.getPort() < 1) {
        throw new IllegalArgumentException("--sink-syslog must be udp://HOST:PORT or tcp://HOST:PORT");
      }
      sinks.add(new RetryingSink(new SyslogSink(new java.net.InetSocketAddress(sinkSyslog.getHost(), sinkSyslog.getPort()),
          scheme.equals("udp") ? SyslogSink.Transport.UDP : SyslogSink.Transport.TCP, host), 10_000, first, max, attempts));
    }
    if (sinkWebhook != null) {
      if (webhookSecretFile == null) {
        throw new IllegalArgumentException("--sink-webhook needs --webhook-secret-file so receivers can check alerts");
      }
      WebhookSink webhook;
      try {
        webhook = new WebhookSink(sinkWebhook, java.nio.file.Files.readString(webhookSecretFile).strip()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8), Clock.systemUTC());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--sink-webhook: " + e.getMessage(), e);
      }
      sinks.add(new RetryingSink(webhook, 10_000, first, max, attempts));
    }
    return sinks;
  }

  @Override
  public Integer call() throws Exception {
    int colon = listen.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("--listen must be HOST:PORT, not '" + listen + "'");
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(listen.substring(colon + 1));
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    ServerSettings settings = new ServerSettings(host, port, tlsCert, tlsKey, allowPlainHttp,
        trustedProxies.stream().map(Cidr::parse).toList(), maxClockSkew, maxReportAge);
    CorrelationSettings correlation = new CorrelationSettings(officeEgress.stream().map(Cidr::parse).toList(),
        officeGatewayMacs.stream().map(m -> m.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet()),
        Duration.ofHours(24), silentAfter, io.farmwatch.protocol.report.Severity.INFO);
    // Before the store opens: a refused sink option must not leave the database open.
    List<RetryingSink> alertSinks = sinks(java.net.InetAddress.getLocalHost().getHostName());
    CollectorApp app = new CollectorApp(store.open(), settings, retention, correlation, alertSinks, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "shutdown"));
    System.out.println("FarmWatch collector listening on " + app.server().url(host)
        + " (data: " + (store.db != null ? "PostgreSQL" : store.data.toAbsolutePath()) + ")");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
