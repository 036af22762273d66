package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.WifiLink;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet-side attacks on the real collector jar with the service's heap, talking to it
 * only over HTTP, the command line and sockets: hostile devices that make the largest farm alert the
 * protocol allows, full of control characters, while a syslog receiver, a JSON-lines file and a
 * webhook listen; an analyst key on the admin routes; and an enrollment flood.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetAttacksIT {

  private static final List<String> SERVICE_HEAP = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
  /** What docs/collector.md "Alert sinks" promises each sink's messages stay within. */
  private static final int UDP_MAX = 8 * 1024;
  private static final int JSONL_MAX = 64 * 1024;
  private static final int WEBHOOK_MAX = 256 * 1024;
  /**
   * How soon the alert behind the giant one must reach every sink: about a second on a quiet
   * machine, up to 4 s on the shared build machine; a sink the giant alert blocked never delivers it.
   */
  private static final Duration NEXT_ALERT_WITHIN = Duration.ofSeconds(10);
  /** NUL, ESC sequences, CR/LF, NEL, CSI, the Unicode line and paragraph separators, and CEF's own syntax. */
  private static final String HOSTILE = "\u0000\u001b[2J\r\n<13>1 forged\u0085\u009b\u2028\u2029| cs1=forged \\=";
  /** The extension keys CefSyslogFormat writes, in order; hostile text must not add one. */
  private static final List<String> CEF_KEYS = List.of("externalId", "cs1Label", "cs1", "cfp1Label", "cfp1", "msg");

  @TempDir static Path tmp;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** One plain collector for the role and enrollment tests; each JVM start costs seconds. */
  private Process shared;
  private String sharedBase;
  private String analystKey;
  private String adminKey;
  private String adminKeyOutput;
  private Process sinkCollector;

  @BeforeAll
  void startSharedCollector() throws Exception {
    Path db = tmp.resolve("shared");
    analystKey = CollectorProcess.lastLine(CollectorProcess.run(List.of("apikey", "create", "--role", "analyst",
        "--name", "soc analyst", "--data", db.toString())));
    adminKeyOutput = CollectorProcess.run(List.of("apikey", "create", "--role", "admin", "--name", "ops",
        "--data", db.toString()));
    adminKey = CollectorProcess.lastLine(adminKeyOutput);
    int port = CollectorProcess.freePort();
    sharedBase = "http://127.0.0.1:" + port;
    shared = CollectorProcess.serve(tmp.resolve("shared.log"), SERVICE_HEAP,
        List.of("--data", db.toString(), "--listen", "127.0.0.1:" + port));
  }

  @AfterAll
  void stopSharedCollector() throws InterruptedException {
    stop(shared);
  }

  @AfterEach
  void stopSinkCollector() throws InterruptedException {
    stop(sinkCollector);
  }

  @Test
  void aGiantHostileFarmAlertDelaysNoLaterAlertOnAnySinkAndARestartRepeatsNone() throws Exception {
    Path db = tmp.resolve("sinks");
    String admin = CollectorProcess.lastLine(CollectorProcess.run(List.of("apikey", "create", "--role",
        "admin", "--name", "ops", "--data", db.toString())));
    Path secretFile = Files.writeString(tmp.resolve("webhook.secret"), "s3cret-for-fleet-attacks\n");
    Path jsonl = tmp.resolve("alerts.jsonl");
    try (SyslogReceiver syslog = new SyslogReceiver(); WebhookReceiver webhook = new WebhookReceiver("s3cret-for-fleet-attacks")) {
      JsonLinesReader lines = new JsonLinesReader(jsonl);
      List<Sink> sinks = List.of(syslog, lines, webhook);
      int port = CollectorProcess.freePort();
      String base = "http://127.0.0.1:" + port;
      List<String> serve = List.of("--data", db.toString(), "--listen", "127.0.0.1:" + port,
          "--sink-syslog", "udp://127.0.0.1:" + syslog.port(), "--sink-jsonl", jsonl.toString(),
          "--sink-webhook", "http://127.0.0.1:" + webhook.port() + "/farmwatch", "--webhook-secret-file",
          secretFile.toString());
      sinkCollector = CollectorProcess.serve(tmp.resolve("sinks-1.log"), SERVICE_HEAP, serve);
      HttpResponse<String> created = CollectorApiContract.call(http, base, "POST", "/api/v1/tokens", admin,
          "{\"uses\":3}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String token = ProtocolJson.mapper().readTree(created.body()).get("token").asText();

      CollectorApiContract.Agent first = CollectorApiContract.enroll(http, base, token);
      CollectorApiContract.Agent second = CollectorApiContract.enroll(http, base, token);
      CollectorApiContract.Agent bystander = CollectorApiContract.enroll(http, base, token);
      assertAccepted(base, first, hostile(first.deviceId(), 0));
      assertAccepted(base, second, hostile(second.deviceId(), 1));
      // Sent at once, so the farm alert (and the hostile devices' own alerts) are queued ahead of it.
      assertAccepted(base, bystander, remoteAccess(bystander.deviceId(), 1, "AnyDesk"));
      long sent = System.nanoTime();

      for (Sink sink : sinks) {
        Message next = sink.await(m -> m.deviceIds().contains(bystander.deviceId()), Duration.ofSeconds(30));
        Message farm = sink.await(m -> m.kind().equals("LAPTOP_FARM"), Duration.ZERO);
        long delayMillis = TimeUnit.NANOSECONDS.toMillis(next.arrivedAt() - sent);
        System.out.printf("FleetAttacksIT: %-7s farm alert %,d bytes (limit %,d, %s), next alert %d ms after its"
            + " report and %d ms after the farm alert; largest message %,d bytes over %d messages%n", sink.name(),
            farm.bytes(), sink.limit(), farm.text().contains("alert shortened to fit this sink") ? "shortened" : "whole",
            delayMillis, TimeUnit.NANOSECONDS.toMillis(next.arrivedAt() - farm.arrivedAt()),
            sink.messages().stream().mapToInt(Message::bytes).max().orElse(0), sink.messages().size());
        assertThat(delayMillis).as(sink.name() + ": delay of the alert behind the giant one, ms")
            .isLessThan(NEXT_ALERT_WITHIN.toMillis());
        assertThat(sink.messages()).allSatisfy(m -> assertThat(m.bytes()).as(sink.name()).isLessThanOrEqualTo(sink.limit()));
        assertThat(sink.messages()).as(sink.name() + ": hostile text arrives escaped, visibly")
            .anySatisfy(m -> assertThat(m.text()).contains("\\u001b"));
      }
      for (Sink sink : List.of(syslog, lines)) {
        assertThat(sink.messages()).as(sink.name() + ": the hostile devices' alerts were over its limit")
            .anySatisfy(m -> assertThat(m.text()).contains("alert shortened to fit this sink"));
      }
      for (JsonNode alert : ProtocolJson.mapper().readTree(
          CollectorApiContract.call(http, base, "GET", "/api/v1/alerts?limit=100", admin, null).body()).get("alerts")) {
        System.out.printf("FleetAttacksIT: %s alert in the API: %,d bytes of JSON%n", alert.get("kind").asText(),
            alert.toString().getBytes(StandardCharsets.UTF_8).length);
      }
      String metrics = CollectorApiContract.call(http, base, "GET", "/metrics", null, null).body();
      assertThat(metrics.lines().filter(l -> l.startsWith("farmwatch_sink_dropped_total{")))
          .as("no sink dropped or gave up on an alert").isEmpty();

      stop(sinkCollector);
      for (Sink sink : sinks) {
        sink.poll();
      }
      Map<Sink, Integer> before = sinks.stream().collect(Collectors.toMap(s -> s, s -> s.messages().size()));
      sinkCollector = CollectorProcess.serve(tmp.resolve("sinks-2.log"), SERVICE_HEAP, serve);
      // A changed alert after the restart: every sink delivers in order, so once it arrives, whatever
      // the restart itself re-published has arrived too.
      assertAccepted(base, bystander, remoteAccess(bystander.deviceId(), 2, "TeamViewer"));
      for (Sink sink : sinks) {
        sink.await(m -> m.deviceIds().contains(bystander.deviceId()) && m.text().contains("TeamViewer"),
            Duration.ofSeconds(30));
        List<Message> earlier = sink.messages().subList(0, before.get(sink));
        List<Message> since = sink.messages().subList(before.get(sink), sink.messages().size());
        Set<String> earlierIds = earlier.stream().map(Message::id).collect(Collectors.toSet());
        System.out.printf("FleetAttacksIT: %-7s %d messages before the restart, %d after: %s%n", sink.name(),
            earlier.size(), since.size(), since.stream().map(Message::kind).toList());
        // docs/collector.md: unchanged alerts are not sent again; a farm keeps its ID across a restart.
        assertThat(since).filteredOn(m -> earlierIds.contains(m.id()))
            .as(sink.name() + ": alerts re-sent after the restart").singleElement()
            .satisfies(m -> assertThat(m.deviceIds()).containsExactly(bystander.deviceId()));
        assertThat(since).filteredOn(m -> m.kind().equals("LAPTOP_FARM")).hasSizeLessThanOrEqualTo(1);
      }
      List<String> fileLines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
      assertThat(fileLines).doesNotHaveDuplicates();
    }
  }

  @Test
  void anAnalystKeyIsForbiddenOnEveryAdminRouteAndAnAdminKeyIsNot() throws Exception {
    HttpResponse<String> created = CollectorApiContract.call(http, sharedBase, "POST", "/api/v1/tokens", adminKey,
        "{\"uses\":1}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode token = ProtocolJson.mapper().readTree(created.body());
    CollectorApiContract.Agent agent = CollectorApiContract.enroll(http, sharedBase, token.get("token").asText());
    String auditBefore = CollectorApiContract.call(http, sharedBase, "GET", "/api/v1/audit", adminKey, null).body();

    for (CollectorApiContract.Route route : CollectorApiContract.adminRoutes(agent.deviceId(),
        token.get("id").asText(), keyIdIn(adminKeyOutput))) {
      CollectorApiContract.assertError(CollectorApiContract.call(http, sharedBase, route.method(), route.path(),
          analystKey, route.body()), 403, "forbidden");
    }
    HttpResponse<String> audit = CollectorApiContract.call(http, sharedBase, "GET", "/api/v1/audit", adminKey, null);
    assertThat(audit.statusCode()).isEqualTo(200);
    assertThat(audit.body()).as("the analyst's attempts changed nothing").isEqualTo(auditBefore);
    HttpResponse<String> keys = CollectorApiContract.call(http, sharedBase, "GET", "/api/v1/apikeys", adminKey, null);
    assertThat(ProtocolJson.mapper().readTree(keys.body()).get("apiKeys"))
        .extracting(k -> k.get("name").asText() + " " + k.get("state").asText())
        .containsExactlyInAnyOrder("soc analyst active", "ops active");
    HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(sharedBase + "/api/v1/reports"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(CollectorApiContract.envelope(agent, 1))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(report.statusCode()).as("the device was not revoked: " + report.body()).isEqualTo(202);
  }

  @Test
  void anEnrollmentFloodIsAnswered429WithRetryAfterAndCounted() throws Exception {
    int port = Integer.parseInt(sharedBase.substring(sharedBase.lastIndexOf(':') + 1));
    DeviceKey key = DeviceKey.fromSpki(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
    byte[] wrong = CollectorApiContract.enrollBody("wrong-token-" + "x".repeat(32), key.pem());

    Map<String, Integer> outcomes = new TreeMap<>();
    List<Integer> retryAfter = new ArrayList<>();
    int attempts = 300;
    long start = System.nanoTime();
    for (int i = 0; i < attempts; i++) {
      try (RawHttp attempt = new RawHttp("127.0.0.66", port)) {
        RawHttp.Answer answer = attempt.startUpload("/api/v1/enroll", wrong.length).write(wrong).answer(5000);
        String code = ProtocolJson.mapper().readTree(answer.body()).get("error").asText();
        outcomes.merge(answer.status() + " " + code, 1, Integer::sum);
        if (answer.status() == 429) {
          retryAfter.add(Integer.parseInt(answer.header("Retry-After")));
        }
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("FleetAttacksIT: %d wrong-token enrollments from one address in %d ms: %s; Retry-After %s s%n",
        attempts, millis, outcomes, retryAfter.stream().distinct().sorted().toList());
    int refused = outcomes.getOrDefault("401 invalid_token", 0);
    int throttled = outcomes.getOrDefault("429 rate_limited", 0);
    assertThat(outcomes.keySet()).containsOnly("401 invalid_token", "429 rate_limited");
    // A burst of 10, then one a second while the flood lasts.
    assertThat(refused).isBetween(10, 10 + (int) (millis / 1000) + 1);
    assertThat(throttled).isEqualTo(attempts - refused);
    assertThat(retryAfter).allSatisfy(s -> assertThat(s).isPositive());

    String metrics = CollectorApiContract.call(http, sharedBase, "GET", "/metrics", null, null).body();
    assertThat(metrics).contains("farmwatch_enroll_total{outcome=\"rate_limited\"} " + throttled)
        .contains("farmwatch_enroll_total{outcome=\"invalid_token\"} " + refused);
    // The flood's address is throttled, not the collector: another address is still heard (its token checked).
    HttpResponse<String> elsewhere = CollectorApiContract.call(http, sharedBase, "POST", "/api/v1/enroll", null,
        new String(wrong, StandardCharsets.UTF_8));
    CollectorApiContract.assertError(elsewhere, 401, "invalid_token");
  }

  // --- the attack's reports --------------------------------------------------------------------

  /**
   * A report at the protocol's limits wherever the farm alert draws from: every gateway, Wi-Fi link
   * and NIC the protocol allows, all shared with the other hostile device or in its neighbour table;
   * the most control findings correlation keeps, with the longest names; a shared fingerprint; and
   * hostile characters in every free text.
   */
  static Report hostile(String deviceId, int device) {
    int other = 1 - device;
    String fingerprint = text("fp", 256);
    List<Gateway> gateways = IntStream.range(0, 16).mapToObj(g -> new Gateway("10.0.0." + (g + 1), text("if", 256),
        mac(0xa0, 0, g))).toList();
    List<WifiLink> wifi = IntStream.range(0, 16).mapToObj(w -> new WifiLink(text("wl", 256), text("ssid", 256),
        mac(0xb0, 0, w), -40, 2412)).toList();
    List<NetInterface> interfaces = IntStream.range(0, 64).mapToObj(n -> new NetInterface(text("nic" + n, 256), n,
        "ethernet", mac(0xc0, device, n), null, true, 1500, List.of("10.0.0." + (100 + n) + "/24"))).toList();
    List<Neighbor> neighbors = IntStream.range(0, 64).mapToObj(n -> new Neighbor("10.0.0." + (100 + n),
        mac(0xc0, other, n), text("if", 256), text("state", 256))).toList();
    List<NicIdentity> nics = IntStream.range(0, 64).mapToObj(n -> new NicIdentity(text("nic" + n, 256),
        mac(0xd0, device, n), mac(0xc0, device, n), false)).toList();
    FindingKind[] controls = {FindingKind.REMOTE_ACCESS, FindingKind.REMOTE_SESSION, FindingKind.IP_KVM,
        FindingKind.MOUSE_JIGGLER, FindingKind.VIRTUAL_MACHINE, FindingKind.SYNTHETIC_INPUT, FindingKind.VIRTUAL_DISPLAY};
    List<Finding> findings = new ArrayList<>();
    for (int f = 0; f < 32; f++) {
      findings.add(new Finding(controls[f % controls.length], text(device + "-" + f, 256), Severity.CRITICAL,
          Map.of("path", text("p", 4096)), text("r", 4096)));
    }
    findings.add(new Finding(FindingKind.VPN, text("vpn" + device, 256), Severity.HIGH, Map.of(), text("r", 4096)));
    Report report = new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(deviceId, text("v", 256), 1, Instant.now(), text("host", 256), null),
        new HardwareIdentity(null, null, text("serial", 256), null, null, null, null, null, null, null, null, null,
            null, null, nics, fingerprint, null),
        new NetworkState(interfaces, null, gateways, neighbors, null, wifi, null),
        null, null, null, null, null, findings, List.of());
    assertThat(ReportLimits.check(report)).as("within every protocol limit").isEmpty();
    return report;
  }

  static Report remoteAccess(String deviceId, long sequence, String tool) {
    return new Report(Report.SCHEMA_VERSION, new DeviceInfo(deviceId, "test", sequence, Instant.now(), "desk", null),
        null, null, null, null, null, null, null,
        List.of(new Finding(FindingKind.REMOTE_ACCESS, tool, Severity.HIGH, Map.of(), tool + " is running")), List.of());
  }

  /** {@code chars} characters: the label, then {@link #HOSTILE} repeated. */
  private static String text(String label, int chars) {
    String s = label + " " + HOSTILE.repeat(chars / HOSTILE.length() + 1);
    return s.substring(0, chars);
  }

  private static String mac(int prefix, int group, int n) {
    return String.format("02:%02x:%02x:00:00:%02x", prefix, group, n);
  }

  private void assertAccepted(String base, CollectorApiContract.Agent agent, Report report) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeSigner.encode(agent.signer().sign(report)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  /** The ID {@code apikey create} printed on the line before the secret. */
  private static String keyIdIn(String createOutput) {
    String[] lines = createOutput.strip().split("\n");
    return lines[lines.length - 2].split(" ")[2];
  }

  private static void stop(Process collector) throws InterruptedException {
    if (collector != null && collector.isAlive()) {
      collector.destroy();
      assertThat(collector.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  // --- the sinks' receivers --------------------------------------------------------------------

  /** One alert message as a receiver got it: its ID, kind, devices, whole text and size. */
  record Message(String id, String kind, List<String> deviceIds, String text, int bytes, long arrivedAt) {}

  /** A receiver of alert messages, checking each as it comes. */
  abstract static class Sink {
    private final String name;
    private final int limit;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    /** Checks that failed on a receiver's own thread, reported on the test's. */
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    Sink(String name, int limit) {
      this.name = name;
      this.limit = limit;
    }

    String name() {
      return name;
    }

    /** The largest message docs/collector.md promises for this sink. */
    int limit() {
      return limit;
    }

    /** Takes in what arrived; receivers that must be polled read here. */
    void poll() throws IOException {
      assertThat(failures).as(name).isEmpty();
    }

    List<Message> messages() {
      return messages;
    }

    void add(Message m) {
      messages.add(m);
    }

    /** The first message that matches, waiting at most this long for it. */
    Message await(Predicate<Message> wanted, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (true) {
        poll();
        for (Message m : messages) {
          if (wanted.test(m)) {
            return m;
          }
        }
        if (System.nanoTime() > end) {
          throw new AssertionError(name() + ": no such message among " + messages.size() + ": "
              + messages.stream().map(Message::kind).toList());
        }
        Thread.sleep(10);
      }
    }
  }

  /** RFC 5424 with a CEF payload over UDP, checked for raw controls and injected CEF keys. */
  static final class SyslogReceiver extends Sink implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("externalId=(\\S+)");
    private static final Pattern DEVICES = Pattern.compile(" cs1=(\\S*)");
    private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final Thread thread;

    SyslogReceiver() throws IOException {
      super("syslog", UDP_MAX);
      socket.setReceiveBufferSize(4 * 1024 * 1024);
      thread = new Thread(this::receive, "syslog-receiver");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void receive() {
      byte[] buffer = new byte[65536];
      while (!socket.isClosed()) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(packet);
          String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
          assertNoRawControls(text);
          String[] cef = cefFields(text);
          assertThat(extensionKeys(cef[7])).as(text).containsExactlyElementsOf(CEF_KEYS);
          Matcher id = ID.matcher(cef[7]);
          Matcher devices = DEVICES.matcher(cef[7]);
          assertThat(id.find() && devices.find()).as(text).isTrue();
          add(new Message(id.group(1), cef[4], List.of(devices.group(1).split(",")), text, packet.getLength(),
              System.nanoTime()));
        } catch (IOException closed) {
          return;
        } catch (Throwable t) {
          failures.add(t);
        }
      }
    }

    /** The CEF header's seven fields and the extension, split at unescaped pipes. */
    static String[] cefFields(String message) {
      String cef = message.substring(message.indexOf("CEF:0|"));
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      for (int i = 0; i < cef.length(); i++) {
        char c = cef.charAt(i);
        if (c == '\\' && i + 1 < cef.length() && fields.size() < 7) {
          field.append(c).append(cef.charAt(++i));
        } else if (c == '|' && fields.size() < 7) {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      assertThat(fields).as(message).hasSize(8);
      return fields.toArray(String[]::new);
    }

    /** The keys of an extension: every unescaped {@code =} ends one. */
    static List<String> extensionKeys(String extension) {
      Matcher key = Pattern.compile("(?:^| )([A-Za-z0-9]+)=").matcher(extension.replace("\\\\", "").replace("\\=", ""));
      List<String> keys = new ArrayList<>();
      while (key.find()) {
        keys.add(key.group(1));
      }
      return keys;
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /** The JSON-lines file, read whole on every poll. */
  static final class JsonLinesReader extends Sink {
    private final Path file;
    private int linesRead;

    JsonLinesReader(Path file) {
      super("jsonl", JSONL_MAX);
      this.file = file;
    }

    @Override
    void poll() throws IOException {
      super.poll();
      if (!Files.exists(file)) {
        return;
      }
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String[] lines = content.split("\n", -1);
      // The last element is what follows the last newline: a line still being written, or nothing.
      for (; linesRead < lines.length - 1; linesRead++) {
        add(jsonMessage(lines[linesRead], lines[linesRead].getBytes(StandardCharsets.UTF_8).length + 1));
      }
    }
  }

  /** A loopback webhook receiver that checks each POST's signature as docs/collector.md describes. */
  static final class WebhookReceiver extends Sink implements AutoCloseable {
    private final HttpServer server;
    private final byte[] secret;

    WebhookReceiver(String secret) throws IOException {
      super("webhook", WEBHOOK_MAX);
      this.secret = secret.getBytes(StandardCharsets.UTF_8);
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/farmwatch", exchange -> {
        try (exchange) {
          byte[] body = exchange.getRequestBody().readAllBytes();
          try {
            String timestamp = exchange.getRequestHeaders().getFirst("X-FarmWatch-Timestamp");
            String delivery = exchange.getRequestHeaders().getFirst("X-FarmWatch-Delivery");
            assertThat(exchange.getRequestHeaders().getFirst("X-FarmWatch-Signature"))
                .isEqualTo(hmac(timestamp + "." + delivery + ".", body));
            add(jsonMessage(new String(body, StandardCharsets.UTF_8), body.length));
          } catch (Throwable t) {
            failures.add(t);
          }
          exchange.sendResponseHeaders(204, -1);
        }
      });
      server.start();
    }

    private String hmac(String prefix, byte[] body) throws Exception {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** A JSON alert, checked: no raw controls in its bytes, and none in any of its decoded strings. */
  static Message jsonMessage(String json, int bytes) throws IOException {
    assertNoRawControls(json);
    JsonNode alert = ProtocolJson.mapper().readTree(json);
    assertNoControlsIn(alert);
    List<String> devices = new ArrayList<>();
    alert.get("deviceIds").forEach(d -> devices.add(d.asText()));
    return new Message(alert.get("id").asText(), alert.get("kind").asText(), devices, alert.toString(), bytes,
        System.nanoTime());
  }

  private static void assertNoControlsIn(JsonNode node) {
    if (node.isTextual()) {
      assertNoRawControls(node.asText());
    }
    node.forEach(FleetAttacksIT::assertNoControlsIn);
  }

  /** C0 controls, DEL, C1 controls and the Unicode line and paragraph separators. */
  private static void assertNoRawControls(String text) {
    assertThat(text.chars().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
        .mapToObj(c -> String.format("U+%04X", c)).toList()).as("raw control characters").isEmpty();
  }
}
