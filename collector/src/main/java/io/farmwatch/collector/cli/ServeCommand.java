package io.farmwatch.collector.cli;

import io.farmwatch.collector.alert.sink.AlertSink;
import io.farmwatch.collector.alert.sink.RetryingSink;
import io.farmwatch.collector.alert.sink.jsonl.JsonLinesSink;
import io.farmwatch.collector.alert.sink.syslog.SyslogSink;
import io.farmwatch.collector.alert.sink.webhook.WebhookSink;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.net.Cidr;
import io.farmwatch.collector.server.CollectorApp;
import io.farmwatch.collector.server.ServerSettings;
import io.farmwatch.protocol.Durations;
import io.farmwatch.protocol.report.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the collector until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Receive, verify and store agent reports; serve the analyst API.")
final class ServeCommand implements Callable<Integer> {

  @Mixin StoreOptions store;
  @Mixin EgressOptions egress;

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
      description = "Prune raw reports older than this; summaries and alerts stay (default: ${DEFAULT-VALUE}).")
  String retention;

  @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "5m",
      description = "Accepted agent clock lead (default: ${DEFAULT-VALUE}).")
  String maxClockSkew;

  @Option(names = "--max-report-age", paramLabel = "DURATION", defaultValue = "30d",
      description = "Oldest report accepted (default: ${DEFAULT-VALUE}).")
  String maxReportAge;

  @Option(names = "--office-egress", paramLabel = "CIDR",
      description = "A declared office network's public addresses: co-location there is expected (repeatable).")
  List<String> officeEgress = List.of();

  @Option(names = "--office-gateway-mac", paramLabel = "MAC",
      description = "A declared office network's gateway MAC (repeatable).")
  List<String> officeGatewayMacs = List.of();

  @Option(names = "--silent-after", paramLabel = "DURATION", defaultValue = "24h",
      description = "Raise AGENT_SILENT when an enrolled agent has not reported for this long (default: ${DEFAULT-VALUE}).")
  String silentAfter;

  @Option(names = "--activity-history", paramLabel = "DURATION", defaultValue = "14d",
      description = "Keep each device's per-minute input activity this long for correlation (default: ${DEFAULT-VALUE}).")
  String activityHistory;

  @Option(names = "--activity-refresh", paramLabel = "DURATION", defaultValue = "1h",
      description = "Reuse a device's activity profile and a farm's activity verdict this long before reading the"
          + " history again (default: ${DEFAULT-VALUE}); shorter costs more database reads.")
  String activityRefresh;

  @Option(names = "--sink-jsonl", paramLabel = "FILE", description = "Append alert updates to this JSON-lines file.")
  Path sinkJsonl;

  @Option(names = "--sink-syslog", paramLabel = "URL",
      description = "Send alert updates as RFC 5424 syslog with CEF: udp://HOST:PORT or tcp://HOST:PORT.")
  String sinkSyslog;

  @Option(names = "--sink-webhook", paramLabel = "URL", description = "POST alert updates as JSON to this https:// URL (http:// only to a loopback host).")
  String sinkWebhook;

  @Option(names = "--webhook-secret-file", paramLabel = "FILE",
      description = "Shared secret for the webhook's X-FarmWatch-Signature (HMAC-SHA256 of timestamp, delivery id and body).")
  Path webhookSecretFile;

  /** The options read and checked as a whole; nothing here opens a file, a port or a database. */
  private record Plan(ServerSettings server, CorrelationSettings correlation, Duration retention, List<AlertSink> sinks,
      EgressOptions.Plan egress) {}

  private record Listen(String host, int port) {
    static Listen parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("must be HOST:PORT, not '" + text + "'");
      }
      String port = text.substring(colon + 1);
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
        throw new IllegalArgumentException("the port must be a number from 0 to 65535, not '" + port + "'");
      }
      return new Listen(text.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(port));
    }
  }

  private Plan validate() {
    CommandLineProblems problems = new CommandLineProblems();
    store.validate(problems);
    Listen address = problems.read("--listen", () -> Listen.parse(listen));
    if ((tlsCert == null) != (tlsKey == null)) {
      problems.add(tlsCert == null ? "--tls-key" : "--tls-cert", "needs the other of --tls-cert and --tls-key");
    }
    readable(problems, "--tls-cert", tlsCert);
    readable(problems, "--tls-key", tlsKey);
    List<Cidr> proxies = trustedProxies.stream().map(c -> problems.read("--trusted-proxy", () -> Cidr.parse(c))).toList();
    List<Cidr> offices = officeEgress.stream().map(c -> problems.read("--office-egress", () -> Cidr.parse(c))).toList();
    Duration retained = problems.read("--retention", () -> Durations.parsePositive(retention));
    Duration skew = problems.read("--max-clock-skew", () -> Durations.parsePositive(maxClockSkew));
    Duration maxAge = problems.read("--max-report-age", () -> Durations.parsePositive(maxReportAge));
    Duration silent = problems.read("--silent-after", () -> Durations.parsePositive(silentAfter));
    Duration history = problems.read("--activity-history", () -> Durations.parsePositive(activityHistory));
    Duration refresh = problems.read("--activity-refresh", () -> Durations.parsePositive(activityRefresh));
    List<AlertSink> sinks = sinks(problems);
    EgressOptions.Plan egressPlan = egress.validate(problems);
    problems.throwIfAny();
    ServerSettings settings = new ServerSettings(address.host(), address.port(), tlsCert, tlsKey, allowPlainHttp,
        proxies, skew, maxAge);
    CorrelationSettings correlation = new CorrelationSettings(offices,
        officeGatewayMacs.stream().map(m -> m.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
        Duration.ofHours(24), silent, Severity.INFO, history, refresh);
    return new Plan(settings, correlation, retained, sinks, egressPlan);
  }

  private List<AlertSink> sinks(CommandLineProblems problems) {
    List<AlertSink> sinks = new ArrayList<>();
    if (sinkJsonl != null) {
      sinks.add(new JsonLinesSink(sinkJsonl));
    }
    if (sinkSyslog != null) {
      AlertSink syslog = problems.read("--sink-syslog", () -> syslog(URI.create(sinkSyslog)));
      if (syslog != null) {
        sinks.add(syslog);
      }
    }
    readable(problems, "--webhook-secret-file", webhookSecretFile);
    if (sinkWebhook != null && webhookSecretFile == null) {
      problems.add("--sink-webhook", "needs --webhook-secret-file so receivers can check alerts");
    } else if (sinkWebhook != null && Files.isReadable(webhookSecretFile)) {
      AlertSink webhook = problems.read("--sink-webhook", () -> new WebhookSink(URI.create(sinkWebhook),
          secret(webhookSecretFile), Clock.systemUTC()));
      if (webhook != null) {
        sinks.add(webhook);
      }
    }
    return sinks;
  }

  private static AlertSink syslog(URI url) {
    String scheme = String.valueOf(url.getScheme());
    if (!scheme.equals("udp") && !scheme.equals("tcp") || url.getHost() == null || url.getPort() < 1) {
      throw new IllegalArgumentException("must be udp://HOST:PORT or tcp://HOST:PORT");
    }
    String hostname;
    try {
      hostname = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
    return new SyslogSink(new InetSocketAddress(url.getHost(), url.getPort()),
        scheme.equals("udp") ? SyslogSink.Transport.UDP : SyslogSink.Transport.TCP, hostname);
  }

  private static byte[] secret(Path file) {
    try {
      byte[] secret = Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
      if (secret.length == 0) {
        throw new IllegalArgumentException("the secret in " + file + " is empty");
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void readable(CommandLineProblems problems, String flag, Path file) {
    if (file != null && !Files.isReadable(file)) {
      problems.add(flag, file + " does not exist or is not readable");
    }
  }

  @Override
  public Integer call() throws Exception {
    Plan plan = validate();
    // 1 s doubling to 5 min: 20 attempts span about an hour of receiver downtime before an alert is dropped.
    List<RetryingSink> alertSinks = plan.sinks().stream()
        .map(sink -> new RetryingSink(sink, 10_000, Duration.ofSeconds(1), Duration.ofMinutes(5), 20)).toList();
    CollectorApp app = new CollectorApp(store.open(), plan.server(), plan.retention(), plan.correlation(), alertSinks,
        plan.egress().build(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "shutdown"));
    System.out.println("FarmWatch collector listening on " + app.server().url(plan.server().host())
        + " (data: " + (store.db != null ? "PostgreSQL" : store.data.toAbsolutePath()) + ")");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
