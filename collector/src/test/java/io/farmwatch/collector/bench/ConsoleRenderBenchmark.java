package io.farmwatch.collector.bench;

import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.auth.Secrets;
import io.farmwatch.collector.e2e.ActivityTable;
import io.farmwatch.collector.e2e.ConsoleBrowser;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.NewDevice;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Time to first render of the console's alerts queue (10,000 alerts) and of a 50-machine farm's
 * detail with 14 days of activity, measured in Debian's headless Chromium against the real collector
 * jar; and the console's static payload. Run with {@code scripts/bench-console [RUNS]}.
 */
public final class ConsoleRenderBenchmark {

  static final int ALERTS = 10_000;
  static final int FARM = 50;
  static final int DAYS = 14;

  private ConsoleRenderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path data = Files.createTempDirectory("console-bench");
    String key;
    List<String> farm = new ArrayList<>();
    try (SqliteStorage storage = SqliteStorage.open(data)) {
      Clock clock = Clock.systemUTC();
      String token = new EnrollmentService(storage, clock).createToken(FARM, Duration.ofHours(1), Actor.CLI).secret();
      for (int i = 0; i < FARM; i++) {
        String id = String.format("dev_bench%02d", i);
        storage.enroll(Secrets.hash(token), new NewDevice(id, "pem-" + i, "key" + i, "fp" + i,
            String.format("farm-laptop-%02d", i), "bench", clock.instant()), clock.instant());
        farm.add(id);
      }
      seedAlerts(storage, farm, clock.instant());
      key = new ApiKeys(storage, clock).create(ApiRole.ANALYST, "bench", null, Actor.CLI).secret();
    }
    ActivityTable.interleave(data.resolve(SqliteStorage.FILE_NAME), farm, DAYS);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = data.resolve("collector.log");
    Process collector = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("collector/target/farmwatch-collector.jar").toAbsolutePath().toString(), "serve",
        "--data", data.toString(), "--listen", "127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      while (!Files.readString(log).contains("listening on")) {
        if (!collector.isAlive()) {
          throw new IllegalStateException("the collector stopped:\n" + Files.readString(log));
        }
        Thread.sleep(100);
      }
      String base = "http://127.0.0.1:" + port;
      try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
        browser.signIn(key);
        report("alerts queue (10,000 alerts, first page of 50)", measure(browser, base + "/#/alerts", "alerts", runs));
        report("50-machine farm detail with 14 days of activity",
            measure(browser, base + "/#/alerts/farm-bench", "alert", runs));
      }
    } finally {
      collector.destroy();
      collector.waitFor();
    }
    Path console = Path.of("collector/src/main/resources/console");
    long bytes;
    long files;
    try (Stream<Path> all = Files.walk(console)) {
      List<Path> list = all.filter(Files::isRegularFile).toList();
      files = list.size();
      bytes = list.stream().mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("static payload: %,d bytes in %d files (uncompressed)%n", bytes, files);
  }

  /** Milliseconds from navigation start to the page's render mark, each of {@code runs} fresh loads. */
  private static double[] measure(ConsoleBrowser browser, String url, String page, int runs) {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      browser.driver.get("about:blank");
      browser.driver.get(url);
      browser.rendered(page);
      ms[i] = ((Number) browser.js("return performance.getEntriesByName(arguments[0])[0].startTime",
          "fw:" + page + "-rendered")).doubleValue();
    }
    System.out.println("  last load, ms from navigation start: " + browser.js(
        "const n = performance.getEntriesByType('navigation')[0];"
            + " return 'document ' + Math.round(n.responseEnd) + '; ' + performance.getEntriesByType('resource')"
            + ".map(r => { const u = new URL(r.name); return u.pathname + u.search + ' ' + Math.round(r.startTime)"
            + " + '-' + Math.round(r.responseEnd) + ' (' + r.encodedBodySize + ' B)'; }).join('; ')"));
    return ms;
  }

  private static void report(String what, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf("%s: median %.0f ms, min %.0f ms, max %.0f ms over %d loads%n", what,
        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }

  /** The farm alert (newest) and 9,999 single-machine alerts behind it. */
  private static void seedAlerts(SqliteStorage storage, List<String> farm, Instant now) throws Exception {
    var json = ProtocolJson.mapper();
    List<Map<String, Object>> evidence = new ArrayList<>();
    evidence.add(evidence("SAME_GATEWAY_MAC", "strong", "02:fa:00:00:01:01", farm, now));
    evidence.add(evidence("SAME_EGRESS", "weak", "198.51.100.11", farm, now));
    for (int i = 0; i + 1 < farm.size(); i += 2) {
      evidence.add(evidence("INTERLEAVED_ACTIVITY", "strong", "mean overlap 0.02", farm.subList(i, i + 2), now));
    }
    storage.saveAlert(new AlertRecord("farm-bench", "LAPTOP_FARM", "HIGH", 0.95, json.writeValueAsString(farm),
        json.writeValueAsString(evidence), FARM + " laptops share one router", now.minusSeconds(86400 * DAYS), now,
        "OPEN", now));
    String[] kinds = {"REMOTE_CONTROL", "AGENT_SILENT", "LOCALE_MISMATCH", "HARDWARE_CHANGED"};
    String[] severities = {"HIGH", "MEDIUM", "LOW", "INFO"};
    IntStream.range(1, ALERTS).forEach(i -> {
      String device = farm.get(i % farm.size());
      try {
        storage.saveAlert(new AlertRecord("bench-" + i, kinds[i % kinds.length], severities[i % severities.length],
            0.5, json.writeValueAsString(List.of(device)),
            json.writeValueAsString(List.of(evidence("REMOTE_ACCESS", "strong", "AnyDesk", List.of(device), now))),
            device + " can be driven from elsewhere", now.minusSeconds(i * 60L), now.minusSeconds(i * 60L), "OPEN",
            now));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static Map<String, Object> evidence(String signal, String strength, String value, List<String> devices,
      Instant now) {
    return Map.of("signal", signal, "strength", strength, "value", value, "deviceIds", devices,
        "firstSeen", now.minusSeconds(86400).toString(), "lastSeen", now.toString(), "detail", "");
  }
}
