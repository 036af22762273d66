package io.farmwatch.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.StorageAlertStore;
import io.farmwatch.collector.enroll.EnrollmentRequest;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.metrics.Metrics;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.envelope.EnvelopeVerifier;
import io.farmwatch.protocol.envelope.VerificationPolicy;
import io.farmwatch.protocol.report.AgentHealth;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.DiskIdentity;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputDevice;
import io.farmwatch.protocol.report.InputMinute;
import io.farmwatch.protocol.report.LocaleInfo;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.OsInfo;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.Unavailable;
import io.farmwatch.protocol.report.UsbDevice;
import io.farmwatch.protocol.report.Virtualization;
import io.farmwatch.protocol.report.WifiLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated reports, within and beyond every limit, signed by enrolled devices and driven
 * through the real ingest path (verifier, SQLite storage) and the correlation engine: every answer
 * is an acceptance or a typed 4xx, nothing throws, alerts stay small and the heap stays bounded.
 */
class IngestFuzzProperties {

  private static final Set<String> CODES =
      Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
  private static final int DEVICES = 4;

  private static Path dir;
  private static SqliteStorage storage;
  private static IngestService ingest;
  private static CorrelationEngine engine;
  private static final List<Device> devices = new ArrayList<>();
  private static ObjectNode base;
  private static List<String> stringPaths;
  private static List<String> arrayPaths;
  private static List<String> numberPaths;
  private static final AtomicLong accepted = new AtomicLong();
  private static final Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();

  record Device(String id, KeyPair keys, String keyId, AtomicLong sequence) {

    /** Signs any bytes, over the protocol's size limits too, as a hostile agent would. */
    byte[] envelope(byte[] json) throws Exception {
      byte[] payload = Gzip.compress(json, Deflater.BEST_SPEED);
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(payload);
      Base64.Encoder b64 = Base64.getEncoder();
      return EnvelopeSigner.encode(new Envelope(ProtocolLimits.ENVELOPE_VERSION, id, keyId,
          b64.encodeToString(payload), b64.encodeToString(signer.sign())));
    }
  }

  /** One report mutation: what it does to the report's JSON tree, or raw text replacing it. */
  record Mutation(String what, UnaryOperator<ObjectNode> apply) {
    @Override
    public String toString() {
      return what;
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("ingest-fuzz");
    storage = SqliteStorage.open(dir);
    Clock clock = Clock.systemUTC();
    ingest = new IngestService(new EnvelopeVerifier(VerificationPolicy.DEFAULT, clock),
        new CachedDeviceDirectory(storage, clock), storage, new Metrics(), Duration.ofDays(14), null, clock);
    engine = new CorrelationEngine(CorrelationSettings.DEFAULT, new StorageAlertStore(storage, clock), clock);
    EnrollmentService enrollment = new EnrollmentService(storage, clock);
    for (int i = 0; i < DEVICES; i++) {
      KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      DeviceKey key = DeviceKey.fromSpki(keys.getPublic().getEncoded());
      String id = enrollment.enroll(new EnrollmentRequest(enrollment.createToken(1, Duration.ofHours(1), Actor.CLI).secret(), key.pem(),
          null, "fuzz", "fuzz-" + i));
      devices.add(new Device(id, keys, key.keyId(), new AtomicLong()));
    }
    base = (ObjectNode) ProtocolJson.mapper().valueToTree(richReport());
    List<String> strings = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    collect(base, "", strings, arrays, numbers);
    stringPaths = strings;
    arrayPaths = arrays;
    numberPaths = numbers;
  }

  /** After the fuzzing: refusals stored nothing, and what the engine retains of it all is small. */
  @AfterContainer
  static void checkAndStop() throws IOException {
    try {
      System.out.println("ingest fuzz outcomes: " + OUTCOMES);
      assertThat(accepted.get()).isPositive();
      assertThat(storage.reportCount()).isEqualTo(accepted.get());
      assertThat(engine.deviceCount()).isLessThanOrEqualTo(DEVICES);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      assertThat(rt.totalMemory() - rt.freeMemory()).as("heap in use after the fuzz run")
          .isLessThan(256L * 1024 * 1024);
    } finally {
      stop();
    }
  }

  private static void stop() throws IOException {
    storage.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static final long MAX_GROWN_LIST_BYTES = 32L * 1024 * 1024;

  @Property(tries = 500)
  void everyReportGetsAnAcceptanceOrATyped4xx(@ForAll("reports") List<Mutation> mutations,
      @ForAll("device") int deviceIndex) throws Exception {
    Device device = devices.get(deviceIndex);
    ObjectNode report = base.deepCopy();
    ((ObjectNode) report.get("device")).put("deviceId", device.id())
        .put("sequence", device.sequence().get() + 1)
        .put("collectedAt", Instant.now().toString());
    for (Mutation m : mutations) {
      report = m.apply().apply(report);
    }
    byte[] json = report.has("raw") && report.size() == 1 ? report.get("raw").asText().getBytes(StandardCharsets.UTF_8)
        : ProtocolJson.mapper().writeValueAsBytes(report);

    IngestResult result = ingest.ingest(device.envelope(json), "203.0.113.5");

    OUTCOMES.merge(result instanceof IngestResult.Refused r ? r.code() : "accepted", 1, Integer::sum);
    if (result instanceof IngestResult.Accepted a) {
      device.sequence().set(a.sequence());
      engine.observe(a.observation());
    }
    if (result instanceof IngestResult.Refused r) {
      assertThat(r.error().httpStatus()).as(r.message()).isBetween(400, 499);
      assertThat(CODES).as(r.message()).contains(r.code());
      assertThat(r.message()).isNotBlank().hasSizeLessThan(4096);
    } else {
      accepted.incrementAndGet();
    }
    for (Alert a : engine.alerts()) {
      assertThat(ProtocolJson.mapper().writeValueAsBytes(a).length).as(a.id()).isLessThan(64 * 1024);
    }
  }

  @Provide
  Arbitrary<Integer> device() {
    return Arbitraries.integers().between(0, DEVICES - 1);
  }

  @Provide
  Arbitrary<List<Mutation>> reports() {
    return Arbitraries.oneOf(longStrings(), hugeLists(), wrongTypes(), badNumbers(), badAddresses(), deepEvidence(),
        sequences(), nullItems(), rawText(), Arbitraries.just(new Mutation("none", r -> r)))
        .list().ofMinSize(0).ofMaxSize(3);
  }

  private Arbitrary<Mutation> longStrings() {
    Arbitrary<String> chars = Arbitraries.of("a", "\u00e9", "\ud83d\ude00", "\u0000", "\u001b[31m", "\n", "\u2028",
        "\"\\", "\ufffd");
    Arbitrary<Integer> lengths = Arbitraries.of(1, 63, 64, 65, 255, 256, 257, 1024, 1025, 4096, 4097, 32_769,
        300_000, 900_000);
    return Combinators.combine(Arbitraries.of(stringPaths), chars, lengths).as((path, c, n) ->
        new Mutation("string " + path + " = " + n + " x " + escape(c),
            r -> set(r, path, JsonNodeFactory.instance.textNode(c.repeat(Math.max(1, n / c.length()))))));
  }

  private Arbitrary<Mutation> hugeLists() {
    Arbitrary<Integer> sizes = Arbitraries.of(0, 1, 15, 16, 17, 24, 25, 65, 257, 513, 1441, 2049, 4097, 8193, 20_000);
    return Combinators.combine(Arbitraries.of(arrayPaths), sizes).as((path, n) ->
        new Mutation("list " + path + " x " + n, r -> {
          JsonNode list = r.at(path);
          JsonNode item = list.size() > 0 ? list.get(0) : JsonNodeFactory.instance.textNode("x");
          // A list of copies of a 900 KB item would serialize to gigabytes (past Jackson's 2 GB array
          // limit) before reaching the collector; no upload gets past 2.8 MB, so 32 MB of copies is plenty.
          int copies = (int) Math.min(n, MAX_GROWN_LIST_BYTES / Math.max(1, item.toString().length()));
          ArrayNode grown = JsonNodeFactory.instance.arrayNode();
          for (int i = 0; i < copies; i++) {
            grown.add(item.deepCopy());
          }
          return set(r, path, grown);
        }));
  }

  private Arbitrary<Mutation> wrongTypes() {
    List<JsonNode> values = List.of(JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.numberNode(1),
        JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.booleanNode(true),
        JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.nullNode());
    List<String> paths = new ArrayList<>(stringPaths);
    paths.addAll(arrayPaths);
    paths.addAll(numberPaths);
    paths.addAll(List.of("/device", "/network", "/hardware", "/findings/0", "/findings/0/evidence", "/input"));
    return Combinators.combine(Arbitraries.of(paths), Arbitraries.of(values)).as((path, v) ->
        new Mutation("type " + path + " = " + v, r -> set(r, path, v.deepCopy())));
  }

  private Arbitrary<Mutation> badNumbers() {
    List<String> values = List.of("2.0", "5.9", "-1", "-2147483649", "2147483648", "9223372036854775807",
        "9223372036854775808", "1e300", "-0", "1" + "0".repeat(70));
    return Combinators.combine(Arbitraries.of(numberPaths), Arbitraries.of(values)).as((path, v) ->
        new Mutation("number " + path + " = " + v, r -> {
          try {
            return set(r, path, ProtocolJson.mapper().readTree(v));
          } catch (IOException e) {
            // Longer than the parser's number limit: send it as raw text instead.
            return raw(ProtocolJson.mapper().valueToTree(r).toString().replace("\"schemaVersion\":1",
                "\"schemaVersion\":" + v));
          }
        }));
  }

  private Arbitrary<Mutation> badAddresses() {
    List<String> paths = stringPaths.stream().filter(p -> p.matches(".*(mac|Mac|bssid|address|Address|gateway|"
        + "destination|dnsServers|addresses).*")).toList();
    List<String> values = List.of("", "zz:zz:zz:zz:zz:zz", "A0:63:91:AA:BB:CC", "a0:63:91:aa:bb:cc:", "1.2.3.4",
        "999.1.1.1", "fe80::1%" + "x".repeat(40), "::/129", "10.0.0.0/33", "a0-63-91-aa-bb-cc", "\u0000");
    return Combinators.combine(Arbitraries.of(paths), Arbitraries.of(values)).as((path, v) ->
        new Mutation("address " + path + " = " + escape(v), r -> set(r, path, JsonNodeFactory.instance.textNode(v))));
  }

  private Arbitrary<Mutation> deepEvidence() {
    return Arbitraries.of(3, 4, 5, 40, 63, 70, 5000).map(depth -> new Mutation("evidence depth " + depth, r -> {
      if (depth > 100) {
        String json = ProtocolJson.mapper().valueToTree(r).toString();
        return raw(json.replace("\"evidence\":{", "\"evidence\":{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + ","));
      }
      ObjectNode evidence = JsonNodeFactory.instance.objectNode();
      ObjectNode at = evidence;
      for (int i = 0; i < depth; i++) {
        at = at.putObject("n" + i);
      }
      at.put("leaf", 1);
      return set(r, "/findings/0/evidence", evidence);
    }));
  }

  private Arbitrary<Mutation> sequences() {
    return Arbitraries.of(0L, -1L, 1L, Long.MAX_VALUE, 1_000_000_001L, 999_999_999L).map(s ->
        new Mutation("sequence " + s, r -> set(r, "/device/sequence", JsonNodeFactory.instance.numberNode(s))));
  }

  private Arbitrary<Mutation> nullItems() {
    return Arbitraries.of(arrayPaths).map(path -> new Mutation("null item in " + path, r -> {
      JsonNode list = r.at(path);
      if (list instanceof ArrayNode a) {
        a.addNull();
      }
      return r;
    }));
  }

  private Arbitrary<Mutation> rawText() {
    return Arbitraries.of("", "null", "[]", "{}", "{\"device\":{}}", "\u0000", "{\"schemaVersion\":1,",
        "{\"device\":{\"deviceId\":\"x\",\"sequence\":1,\"collectedAt\":\"yesterday\"}}")
        .map(text -> new Mutation("raw " + escape(text), r -> raw(text)));
  }

  private static ObjectNode raw(String text) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("raw", text);
    return node;
  }

  /** Replaces the value at a JSON pointer; a pointer a previous mutation removed changes nothing. */
  private static ObjectNode set(ObjectNode root, String pointer, JsonNode value) {
    if (pointer.isEmpty()) {
      return root;
    }
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a && a.size() > Integer.parseInt(last)) {
      a.set(Integer.parseInt(last), value);
    }
    return root;
  }

  private static void collect(JsonNode node, String at, List<String> strings, List<String> arrays,
      List<String> numbers) {
    if (node.isTextual()) {
      strings.add(at);
    } else if (node.isNumber()) {
      numbers.add(at);
    } else if (node.isArray()) {
      arrays.add(at);
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), at + "/" + i, strings, arrays, numbers);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), at + "/" + e.getKey(), strings, arrays, numbers);
      }
    }
  }

  private static String escape(String s) {
    return s.chars().mapToObj(c -> c < 32 || c > 126 ? String.format("\\u%04x", c) : String.valueOf((char) c))
        .collect(Collectors.joining());
  }

  /** A report with every section and list filled, so every field can be mutated. */
  static Report richReport() {
    Instant at = Instant.now();
    HardwareIdentity hardware = new HardwareIdentity("LENOVO", "20XW", "PF3ABCDE", "4c4c4544-0042",
        "LENOVO", "20XW", "L1HF", "LENOVO", "N32ET75W", "2023-01-05", "GenuineIntel", "i7-1165G7", "BFEBFBFF",
        List.of(new DiskIdentity("nvme0n1", "SAMSUNG", "S64K", 512110190592L)),
        List.of(new NicIdentity("wlan0", "8c:8d:28:12:34:56", "8c:8d:28:12:34:56", false)),
        "a3f1c2d4e5b6a798", new Virtualization(false, "kvm", List.of("cpu flag")));
    NetworkState network = new NetworkState(
        List.of(new NetInterface("wlan0", 3, "wifi", "8c:8d:28:12:34:56", "8c:8d:28:12:34:56", true, 1500,
            List.of("192.168.1.23/24", "fe80::8e8d:28ff:fe12:3456/64"))),
        List.of(new Route("0.0.0.0/0", "192.168.1.1", "wlan0", 600, "main")),
        List.of(new Gateway("192.168.1.1", "wlan0", "a0:63:91:aa:bb:cc")),
        List.of(new Neighbor("192.168.1.1", "a0:63:91:aa:bb:cc", "wlan0", "REACHABLE")),
        List.of("192.168.1.1"),
        List.of(new WifiLink("wlan0", "HomeNet", "a0:63:91:aa:bb:cd", -48, 5180)),
        List.of(new SocketInfo("tcp", "0.0.0.0", 7070, "188.40.12.34", 443, "LISTEN", 4242, "anydesk")));
    Peripherals peripherals = new Peripherals(
        List.of(new UsbDevice("046d", "c52b", "Logitech", "USB Receiver", "123", "1-2", "usb1")),
        List.of(new DisplayInfo("eDP-1", "LEN", "40ba", "Panel", "1", 309, 174)),
        List.of(new InputDevice("keyboard", "i8042", "0001", "0001", "/dev/input/event3", List.of("keyboard"))));
    LocaleInfo locale = new LocaleInfo("America/Chicago", -360, "en_US.UTF-8", List.of("en_US.UTF-8"),
        List.of("us"), List.of("ibus:hangul"), "ibus:hangul");
    InputActivity input = new InputActivity("x11-xinput2", at.minusSeconds(600),
        List.of(new InputMinute(30, 100, 50, 0), new InputMinute(0, 0, 0, 0)), List.of(1, 2, 3));
    List<Finding> findings = List.of(new Finding(FindingKind.REMOTE_ACCESS, "AnyDesk", Severity.HIGH,
        Map.of("pid", 4242, "path", "/usr/bin/anydesk", "ports", List.of(7070)), "AnyDesk listens on 7070"));
    return new Report(Report.SCHEMA_VERSION,
        new DeviceInfo("x", "0.1.0", 1, at, "laptop", new OsInfo("linux", "Ubuntu", "24.04", "6.8", "amd64")),
        hardware, network,
        List.of(new ProcessInfo(4242, 1, "anydesk", "/usr/bin/anydesk", "2c26b4", "anydesk --service", "alice", at)),
        peripherals, locale, input, new AgentHealth(0, 0), findings,
        List.of(new Unavailable("hardware.baseboardSerial", "/sys/class/dmi/id/board_serial", "permission denied")));
  }
}
