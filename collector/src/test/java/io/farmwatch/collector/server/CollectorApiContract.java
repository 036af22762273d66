package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.auth.Secrets;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import io.farmwatch.protocol.policy.DeviceRequestAuth;
import io.farmwatch.protocol.policy.Policy;
import io.farmwatch.protocol.policy.PolicyReader;
import io.farmwatch.protocol.policy.PolicyVerifier;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The collector's HTTP API against a real server and a real database; each backend extends it. */
public abstract class CollectorApiContract {

  protected abstract Storage openFresh() throws Exception;

  private Storage storage;
  private CollectorApp app;
  private String base;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    storage = openFresh();
    app = new CollectorApp(storage, new ServerSettings("127.0.0.1", 0, null, null, false, List.of(),
        Duration.ofMinutes(5), Duration.ofDays(30)), Duration.ofDays(90), Clock.systemUTC());
    base = app.server().url("127.0.0.1");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  public record Agent(KeyPair keys, DeviceKey publicKey, EnvelopeSigner signer, String deviceId) {}

  HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String apiKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return ProtocolJson.mapper().readTree(r.body());
  }

  String token(int uses) {
    return new EnrollmentService(storage, Clock.systemUTC()).createToken(uses, Duration.ofDays(1), Actor.CLI).secret();
  }

  String apiKey(ApiRole role) {
    return new ApiKeys(storage, Clock.systemUTC()).create(role, role.name().toLowerCase() + "-test", null, Actor.CLI)
        .secret();
  }

  Agent enroll() throws Exception {
    return enroll(http, base, token(1));
  }

  /** Enrolls a new key with a token over HTTP, as an agent does. */
  public static Agent enroll(HttpClient http, String base, String token) throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    DeviceKey publicKey = DeviceKey.fromSpki(keys.getPublic().getEncoded());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/enroll"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(enrollBody(token, publicKey.pem()))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new Agent(keys, publicKey, new EnvelopeSigner(keys.getPrivate(), publicKey.encoded()),
        json(r).get("deviceId").asText());
  }

  static byte[] enrollBody(String token, String pem) throws Exception {
    return ProtocolJson.mapper().writeValueAsBytes(java.util.Map.of(
        "token", token, "publicKey", pem, "agentVersion", "test", "hostname", "laptop-1"));
  }

  static byte[] envelope(Agent agent, long sequence) {
    Report report = new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(agent.deviceId(), "test", sequence, Instant.now(), "laptop-1", null),
        null, null, null, null, null, null, null, List.of(), List.of());
    return EnvelopeSigner.encode(agent.signer().sign(report));
  }

  HttpResponse<String> send(byte[] body) throws Exception {
    return post("/api/v1/reports", "application/json", body);
  }

  static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(json(r).get("error").asText()).isEqualTo(code);
    assertThat(json(r).get("message").asText()).isNotBlank();
  }

  @Test
  void enrolledAgentReportsAndAnalystsSeeIt() throws Exception {
    Agent agent = enroll();
    HttpResponse<String> r = send(envelope(agent, 1));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(json(r).get("sequence").asLong()).isEqualTo(1);
    assertThat(get("/metrics", null).body()).contains("farmwatch_ingest_reports_total{outcome=\"accepted\"} 1")
        .contains("farmwatch_db_accept_seconds_count 1").contains("farmwatch_verify_seconds_count 1")
        .contains("farmwatch_db_commit_seconds_count 1").contains("farmwatch_db_committed_reports_total 1")
        .contains("farmwatch_http_wait_seconds_count 1");

    String key = apiKey(ApiRole.ANALYST);
    JsonNode machines = json(get("/api/v1/machines", key));
    assertThat(machines.at("/machines/0/deviceId").asText()).isEqualTo(agent.deviceId());
    assertThat(machines.at("/machines/0/lastEgress").asText()).isEqualTo("127.0.0.1");
    JsonNode machine = json(get("/api/v1/machines/" + agent.deviceId(), key));
    assertThat(machine.at("/reports/0/report/device/sequence").asLong()).isEqualTo(1);
    assertThat(get("/api/v1/machines/nope", key).statusCode()).isEqualTo(404);
  }

  @Test
  void replayedEnvelopeIsAnswered409AndStoredOnce() throws Exception {
    Agent agent = enroll();
    byte[] body = envelope(agent, 1);
    assertThat(send(body).statusCode()).isEqualTo(202);
    assertError(send(body), 409, "replayed");
    assertThat(storage.reportCount()).isEqualTo(1);
  }

  @Test
  void tamperedEnvelopeIsRefused() throws Exception {
    Agent agent = enroll();
    Envelope e = ProtocolJson.mapper().readValue(envelope(agent, 1), Envelope.class);
    byte[] payload = Base64.getDecoder().decode(e.payload());
    payload[20] ^= 1;
    Envelope tampered = new Envelope(e.v(), e.deviceId(), e.keyId(), Base64.getEncoder().encodeToString(payload), e.signature());
    assertError(send(EnvelopeSigner.encode(tampered)), 401, "bad_signature");
    assertThat(storage.reportCount()).isZero();
  }

  @Test
  void revokedDeviceIsRefused() throws Exception {
    Agent agent = enroll();
    storage.revokeDevice(agent.deviceId(), Instant.now(), Actor.CLI);
    // The directory caches devices briefly; a fresh collector process sees the revocation at once.
    app.close();
    start();
    assertError(send(envelope(agent, 1)), 403, "revoked_device");
  }

  /** An envelope signed over exactly these payload bytes, under any version number. */
  static byte[] sealed(Agent agent, int version, byte[] payload) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(agent.keys().getPrivate());
    signer.update(payload);
    Base64.Encoder b64 = Base64.getEncoder();
    return EnvelopeSigner.encode(new Envelope(version, agent.deviceId(), agent.publicKey().keyId(),
        b64.encodeToString(payload), b64.encodeToString(signer.sign())));
  }

  @Test
  void versionOneEnvelopesOfOlderAgentsAreStoredAndReadBackBesideVersionTwo() throws Exception {
    Agent agent = enroll();
    Report report = new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(agent.deviceId(), "0.0.9", 1, Instant.now(), "laptop-1", null),
        null, null, null, null, null, null, null, List.of(), List.of());
    HttpResponse<String> plain = send(sealed(agent, 1, ProtocolJson.mapper().writeValueAsBytes(report)));
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(202);
    assertThat(send(envelope(agent, 2)).statusCode()).isEqualTo(202);

    String key = apiKey(ApiRole.ANALYST);
    JsonNode reports = json(get("/api/v1/machines/" + agent.deviceId(), key)).get("reports");
    assertThat(reports).extracting(r -> r.at("/report/device/sequence").asLong()).containsExactlyInAnyOrder(1L, 2L);
    assertThat(reports).extracting(r -> r.at("/report/device/agentVersion").asText())
        .containsExactlyInAnyOrder("0.0.9", "test");
  }

  @Test
  void signedPayloadsThatAreNotGzipOrInflatePastTheLimitAreRefusedAndNotStored() throws Exception {
    Agent agent = enroll();
    byte[] json = ProtocolJson.mapper().writeValueAsBytes(new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(agent.deviceId(), "test", 1, Instant.now(), "laptop-1", null),
        null, null, null, null, null, null, null, List.of(), List.of()));
    assertError(send(sealed(agent, 2, json)), 422, "malformed_report");
    byte[] bomb = new byte[ProtocolLimits.MAX_PAYLOAD_BYTES + 1];
    Arrays.fill(bomb, (byte) ' ');
    System.arraycopy(json, 0, bomb, 0, json.length);
    assertError(send(sealed(agent, 2, gzip(bomb))), 413, "too_large");
    assertThat(storage.reportCount()).isZero();
    assertThat(send(envelope(agent, 1)).statusCode()).isEqualTo(202);
  }

  @Test
  void gzipUploadsAreAcceptedAndGzipBombsRefused() throws Exception {
    Agent agent = enroll();
    HttpResponse<String> ok = post("/api/v1/reports", "application/json", gzip(envelope(agent, 1)),
        "Content-Encoding", "gzip");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
    assertError(post("/api/v1/reports", "application/json", bomb, "Content-Encoding", "gzip"), 413, "too_large");
    assertError(post("/api/v1/reports", "application/json", "not gzip".getBytes(), "Content-Encoding", "gzip"),
        400, "malformed_envelope");
    assertError(post("/api/v1/reports", "application/json", envelope(agent, 2), "Content-Encoding", "br"),
        415, "unsupported_media_type");
  }

  @Test
  void malformedOversizedAndMistypedBodiesGetTypedErrors() throws Exception {
    Agent agent = enroll();
    assertError(send("{".getBytes()), 400, "malformed_envelope");
    assertError(send("[]".getBytes()), 400, "malformed_envelope");
    assertError(send("{\"v\":\"1\"}".getBytes()), 400, "malformed_envelope");
    assertOverLimitRefused(() -> send(new byte[4 * 1024 * 1024]));
    assertError(post("/api/v1/reports", "text/plain", envelope(agent, 1)), 415, "unsupported_media_type");
    assertError(post("/api/v1/reports", null, envelope(agent, 1)), 415, "unsupported_media_type");
    String unknown = new String(envelope(agent, 1), StandardCharsets.UTF_8).replace(agent.deviceId(), "dev_x");
    assertError(send(unknown.getBytes(StandardCharsets.UTF_8)), 401, "unknown_device");
    assertThat(storage.reportCount()).isZero();
  }

  interface Call {
    HttpResponse<String> send() throws Exception;
  }

  /**
   * A body announced over its limit is answered 413 without being read and the connection closed
   * (docs/collector.md): a client still writing it may see that close instead of the answer.
   * SlowAndManyClientsTest reads the 413 itself on a raw socket.
   */
  static void assertOverLimitRefused(Call call) throws Exception {
    HttpResponse<String> r;
    try {
      r = call.send();
    } catch (IOException closedWhileSending) {
      return;
    }
    assertError(r, 413, "too_large");
  }

  static Stream<byte[]> hostileBodies() {
    Random random = new Random(20261124);
    return Stream.generate(() -> {
      byte[] b = new byte[random.nextInt(2048)];
      random.nextBytes(b);
      if (random.nextBoolean() && b.length > 2) {
        b[0] = '{';
        b[b.length - 1] = '}';
      }
      return b;
    }).limit(40);
  }

  @ParameterizedTest
  @MethodSource("hostileBodies")
  void hostileBytesNeverCauseA5xxOrStoreAnything(byte[] body) throws Exception {
    for (String path : List.of("/api/v1/reports", "/api/v1/enroll")) {
      HttpResponse<String> r = post(path, "application/json", body);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(400, 499);
      assertThat(json(r).has("error")).isTrue();
    }
    assertThat(storage.reportCount()).isZero();
    assertThat(storage.devices(null, 10)).isEmpty();
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void enrollmentRefusesBadTokensKeysAndBodies() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pem = DeviceKey.fromSpki(keys.getPublic().getEncoded()).pem();
    assertError(post("/api/v1/enroll", "application/json", enrollBody("fwt_wrong", pem)), 401, "invalid_token");
    assertError(post("/api/v1/enroll", "application/json", enrollBody(token(1), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")),
        400, "invalid_public_key");
    assertError(post("/api/v1/enroll", "application/json", "{\"token\":5}".getBytes()), 400, "malformed_request");
    assertError(post("/api/v1/enroll", "text/plain", enrollBody(token(1), pem)), 415, "unsupported_media_type");
    assertOverLimitRefused(() -> post("/api/v1/enroll", "application/json", new byte[64 * 1024]));
    String once = token(1);
    assertThat(post("/api/v1/enroll", "application/json", enrollBody(once, pem)).statusCode()).isEqualTo(201);
    assertError(post("/api/v1/enroll", "application/json", enrollBody(token(1), pem)), 409, "key_already_enrolled");
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertError(post("/api/v1/enroll", "application/json",
        enrollBody(once, DeviceKey.fromSpki(other.getPublic().getEncoded()).pem())), 401, "invalid_token");
  }

  @Test
  void readsNeedAValidApiKey() throws Exception {
    for (String path : List.of("/api/v1/machines", "/api/v1/alerts", "/api/v1/machines/x", "/api/v1/alerts/counts",
        "/api/v1/alerts/x")) {
      assertError(get(path, null), 401, "unauthorized");
      assertError(get(path, "fwk_not_a_key"), 401, "unauthorized");
    }
    assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", null).body()).contains("farmwatch_ingest_reports_total");
    String key = apiKey(ApiRole.ANALYST);
    assertError(get("/api/v1/machines?limit=0", key), 400, "bad_parameter");
    assertError(get("/api/v1/machines?limit=abc", key), 400, "bad_parameter");
    assertError(get("/api/v1/nothing", key), 404, "not_found");
  }

  @Test
  void analystsTriageAlerts() throws Exception {
    Instant now = Instant.now();
    storage.saveAlert(new AlertRecord("a1", "LAPTOP_FARM", "HIGH", 0.9, "[\"d1\",\"d2\"]",
        "[{\"signal\":\"SAME_GATEWAY_MAC\"}]", "two laptops share one router", now, now, "OPEN", now));
    String key = apiKey(ApiRole.ANALYST);
    JsonNode alerts = json(get("/api/v1/alerts", key));
    assertThat(alerts.at("/alerts/0/kind").asText()).isEqualTo("LAPTOP_FARM");
    assertThat(alerts.at("/alerts/0/deviceIds/1").asText()).isEqualTo("d2");

    HttpRequest patch = HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/a1"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(
            "{\"status\":\"CLOSED_FALSE_POSITIVE\",\"comment\":\"same household, verified\"}")).build();
    HttpResponse<String> r = http.send(patch, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("CLOSED_FALSE_POSITIVE");
    assertThat(json(r).at("/comments/0/text").asText()).isEqualTo("same household, verified");
    String keyId = Secrets.idOf(Secrets.hash(key));
    assertThat(json(r).at("/comments/0/by").asText()).isEqualTo("analyst-test");
    assertThat(json(r).at("/comments/0/byKeyId").asText()).isEqualTo(keyId);
    assertThat(storage.auditLog(Long.MAX_VALUE, 10)).filteredOn(e -> e.target().equals("a1")).singleElement().satisfies(e -> {
      assertThat(List.of(e.actorId(), e.actorName(), e.action(), e.target(), e.detail())).containsExactly(
          keyId, "analyst-test", "alert.triage", "a1", "status=CLOSED_FALSE_POSITIVE and comment");
    });

    assertError(patchAlert(key, "{\"status\":\"DELETED\"}"), 400, "malformed_request");
    assertError(patchAlert(key, "{\"status\":\"OPEN\",\"assignee\":\"x\"}"), 400, "malformed_request");
    assertOverLimitRefused(() -> patchAlert(key, "{\"comment\":\"" + "c".repeat(40_000) + "\"}"));
    assertThat(json(get("/api/v1/alerts", key)).at("/alerts/0/status").asText()).isEqualTo("CLOSED_FALSE_POSITIVE");
  }

  // --- The alerts API: detail, filters, cursors, counts and triage history ----------------------

  private void saveAlert(String id, String kind, String severity, String status, Instant lastSeen,
      String... deviceIds) {
    String devices = "[" + String.join(",", Arrays.stream(deviceIds).map(d -> "\"" + d + "\"").toList()) + "]";
    storage.saveAlert(new AlertRecord(id, kind, severity, 0.5, devices, "[]", "s", lastSeen, lastSeen, status,
        lastSeen));
  }

  private static String q(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void anAlertsDetailNamesItsMachinesAndItsHistoryWhoChangedWhat() throws Exception {
    Agent agent = enroll();
    storage.replaceRoster(List.of(new RosterEntry(agent.deviceId(), "Jane Roe", "US", null, "America/Chicago")),
        Instant.now());
    Instant now = Instant.now();
    saveAlert("farm-1", "LAPTOP_FARM", "HIGH", "OPEN", now, agent.deviceId(), "dev_gone");
    String key = apiKey(ApiRole.ANALYST);
    String keyId = Secrets.idOf(Secrets.hash(key));

    HttpResponse<String> r = call("PATCH", "/api/v1/alerts/farm-1", key, "{\"status\":\"ACKNOWLEDGED\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    call("PATCH", "/api/v1/alerts/farm-1", key, "{\"comment\":\"<script>alert(1)</script>\"}");
    JsonNode detail = json(get("/api/v1/alerts/farm-1", key));
    assertThat(detail.get("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(detail.at("/machines/0/deviceId").asText()).isEqualTo(agent.deviceId());
    assertThat(detail.at("/machines/0/hostname").asText()).isEqualTo("laptop-1");
    assertThat(detail.at("/machines/0/employee").asText()).isEqualTo("Jane Roe");
    assertThat(detail.at("/machines/1/deviceId").asText()).isEqualTo("dev_gone");
    assertThat(detail.at("/machines/1/hostname").isNull()).isTrue();
    assertThat(detail.at("/history/0/action").asText()).isEqualTo("COMMENTED");
    assertThat(detail.at("/history/0/comment").asText()).isEqualTo("<script>alert(1)</script>");
    assertThat(detail.at("/history/1/action").asText()).isEqualTo("TRIAGED");
    assertThat(detail.at("/history/1/from").asText()).isEqualTo("OPEN");
    assertThat(detail.at("/history/1/to").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(detail.at("/history/1/actorId").asText()).isEqualTo(keyId);
    assertThat(detail.at("/history/1/actorName").asText()).isEqualTo("analyst-test");
    assertThat(Instant.parse(detail.at("/history/1/at").asText())).isBetween(now, Instant.now());
    assertThat(detail.at("/comments/0/text").asText()).isEqualTo("<script>alert(1)</script>");
    assertError(get("/api/v1/alerts/nope", key), 404, "not_found");
    assertError(get("/api/v1/alerts/" + "x".repeat(2000), key), 404, "not_found");

    // The collector's own statuses are refused by name, and a merged alert is no longer triaged.
    assertError(call("PATCH", "/api/v1/alerts/farm-1", key, "{\"status\":\"RESOLVED\"}"), 409, "status_not_settable");
    assertError(call("PATCH", "/api/v1/alerts/farm-1", key, "{}"), 400, "malformed_request");
    saveAlert("farm-0", "LAPTOP_FARM", "HIGH", "MERGED", now, agent.deviceId());
    assertError(call("PATCH", "/api/v1/alerts/farm-0", key, "{\"status\":\"OPEN\"}"), 409, "status_not_settable");
    assertThat(call("PATCH", "/api/v1/alerts/farm-0", key, "{\"comment\":\"see farm-1\"}").statusCode()).isEqualTo(200);
    assertThat(storage.alert("farm-0").orElseThrow().status()).isEqualTo("MERGED");
  }

  @Test
  void alertsAreFilteredSortedCountedAndPagedByCursor() throws Exception {
    Instant t = Instant.parse("2026-12-01T00:00:00Z");
    saveAlert("a1", "LAPTOP_FARM", "CRITICAL", "OPEN", t, "dev_a", "dev_b");
    saveAlert("a2", "REMOTE_CONTROL", "MEDIUM", "OPEN", t.plusSeconds(10), "dev_a");
    saveAlert("a3", "AGENT_SILENT", "MEDIUM", "RESOLVED", t.plusSeconds(20), "dev_c");
    saveAlert("a4", "LAPTOP_FARM", "HIGH", "CLOSED_FALSE_POSITIVE", t.plusSeconds(30), "dev_b");
    String key = apiKey(ApiRole.ANALYST);

    assertThat(listed(key, "")).containsExactly("a4", "a3", "a2", "a1");
    assertThat(listed(key, "sort=SEVERITY")).containsExactly("a1", "a4", "a3", "a2");
    assertThat(listed(key, "status=OPEN,RESOLVED")).containsExactly("a3", "a2", "a1");
    assertThat(listed(key, "status=OPEN&status=RESOLVED&kind=AGENT_SILENT")).containsExactly("a3");
    assertThat(listed(key, "minSeverity=HIGH")).containsExactly("a4", "a1");
    assertThat(listed(key, "severity=MEDIUM,CRITICAL&minSeverity=HIGH")).containsExactly("a1");
    assertThat(listed(key, "device=dev_b&sort=SEVERITY")).containsExactly("a1", "a4");
    assertThat(listed(key, "from=" + t.plusSeconds(10) + "&to=" + t.plusSeconds(30))).containsExactly("a3", "a2");
    assertThat(listed(key, "updatedSince=" + t.plusSeconds(25))).containsExactly("a4");

    JsonNode first = json(get("/api/v1/alerts?sort=SEVERITY&limit=3", key));
    assertThat(first.get("alerts")).hasSize(3);
    String next = first.get("next").asText();
    JsonNode rest = json(get("/api/v1/alerts?sort=SEVERITY&limit=3&cursor=" + next, key));
    assertThat(rest.at("/alerts/0/id").asText()).isEqualTo("a2");
    assertThat(rest.get("next").isNull()).isTrue();
    assertThat(get("/api/v1/alerts?sort=NEWEST&cursor=" + next, key).body()).contains("cursor");

    JsonNode counts = json(get("/api/v1/alerts/counts?status=OPEN,RESOLVED,CLOSED_FALSE_POSITIVE", key));
    assertThat(counts.get("total").asLong()).isEqualTo(4);
    assertThat(counts.at("/byKind/LAPTOP_FARM").asLong()).isEqualTo(2);
    assertThat(counts.at("/bySeverity/MEDIUM").asLong()).isEqualTo(2);
    assertThat(counts.at("/byStatus/RESOLVED").asLong()).isEqualTo(1);
    JsonNode farms = json(get("/api/v1/alerts/counts?kind=LAPTOP_FARM&device=dev_a", key));
    assertThat(farms.get("total").asLong()).isEqualTo(1);
    assertThat(farms.at("/bySeverity/CRITICAL").asLong()).isEqualTo(1);
  }

  private List<String> listed(String key, String query) throws Exception {
    HttpResponse<String> r = get("/api/v1/alerts?" + query, key);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> ids = new java.util.ArrayList<>();
    json(r).get("alerts").forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  static Stream<Arguments> hostileAlertQueries() {
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("NEWEST|0|0|a1".getBytes(
        StandardCharsets.UTF_8)) + "." + "A".repeat(22);
    return Stream.of(
        Arguments.of("limit=0", "limit"), Arguments.of("limit=1001", "limit"), Arguments.of("limit=1e3", "limit"),
        Arguments.of("limit=1&limit=2", "limit"), Arguments.of("status=DELETED", "status"),
        Arguments.of("status=OPEN,", "status"), Arguments.of("status=" + "OPEN,".repeat(500) + "OPEN", "status"),
        Arguments.of("kind=" + q("LAPTOP_FARM') OR 1=1 --"), "kind"), Arguments.of("kind=laptop_farm", "kind"),
        Arguments.of("severity=SEVERE", "severity"), Arguments.of("severity=LOW&minSeverity=HIGH", "minSeverity"),
        Arguments.of("device=", "device"), Arguments.of("device=" + "d".repeat(300), "device"),
        Arguments.of("updatedSince=yesterday", "updatedSince"), Arguments.of("from=2026-12-01", "from"),
        Arguments.of("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to"),
        Arguments.of("sort=OLDEST", "sort"), Arguments.of("cursor=garbage", "cursor"),
        Arguments.of("cursor=" + forged, "cursor"), Arguments.of("cursor=" + "x".repeat(5000), "cursor"),
        Arguments.of("offset=10", "offset"), Arguments.of(q("<script>") + "=1", "<script>"),
        Arguments.of("status=" + q("\u0000\uFFFF"), "status"));
  }

  /** One server for every case: each is a single request. */
  @Test
  void everyBadAlertParameterIsATypedErrorNamingIt() throws Exception {
    String key = apiKey(ApiRole.ANALYST);
    saveAlert("a1", "LAPTOP_FARM", "HIGH", "OPEN", Instant.now(), "dev_a");
    for (Arguments args : hostileAlertQueries().toList()) {
      String query = (String) args.get()[0];
      String parameter = (String) args.get()[1];
      HttpResponse<String> r = get("/api/v1/alerts?" + query, key);
      assertError(r, 400, "bad_parameter");
      assertThat(json(r).get("message").asText()).as(query).startsWith(parameter + " ");
      if (!query.startsWith("limit") && !query.startsWith("sort") && !query.startsWith("cursor")) {
        assertError(get("/api/v1/alerts/counts?" + query, key), 400, "bad_parameter");
      }
    }
  }

  @Test
  void countsTakeOnlyFiltersAndAnOversizedQueryIsRefusedWithoutHarm() throws Exception {
    String key = apiKey(ApiRole.ANALYST);
    assertError(get("/api/v1/alerts/counts?limit=5", key), 400, "bad_parameter");
    assertError(get("/api/v1/alerts/counts?cursor=x", key), 400, "bad_parameter");
    HttpResponse<String> huge = get("/api/v1/alerts?status=" + "OPEN,".repeat(3_000), key);
    assertThat(huge.statusCode()).isBetween(400, 499);
    assertThat(get("/api/v1/alerts", key).statusCode()).isEqualTo(200);
  }

  HttpResponse<String> patchAlert(String key, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/a1"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  // --- Roles, the admin API and hardened enrollment -------------------------------------------

  HttpResponse<String> call(String method, String path, String apiKey, String body) throws Exception {
    return call(http, base, method, path, apiKey, body);
  }

  /** One API request with an optional key and JSON body, as an analyst's or admin's tool makes it. */
  static HttpResponse<String> call(HttpClient http, String base, String method, String path, String apiKey,
      String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  record Route(String method, String path, String body) {}

  /** One call of every admin route, on a device, token and key that exist. */
  static List<Route> adminRoutes(String deviceId, String tokenId, String keyId) {
    return List.of(
        new Route("POST", "/api/v1/devices/" + deviceId + "/revoke", null),
        new Route("GET", "/api/v1/tokens", null),
        new Route("POST", "/api/v1/tokens", "{\"uses\":2,\"expires\":\"1h\"}"),
        new Route("DELETE", "/api/v1/tokens/" + tokenId, null),
        new Route("GET", "/api/v1/apikeys", null),
        new Route("POST", "/api/v1/apikeys", "{\"role\":\"analyst\",\"name\":\"bob\"}"),
        new Route("DELETE", "/api/v1/apikeys/" + keyId, null),
        new Route("GET", "/api/v1/audit", null));
  }

  @Test
  void analystKeysGet403OnEveryAdminRouteChangingNothingAndAdminKeysMayUseEach() throws Exception {
    Agent agent = enroll();
    var token = new EnrollmentService(storage, Clock.systemUTC()).createToken(1, Duration.ofDays(1), Actor.CLI);
    var victim = new ApiKeys(storage, Clock.systemUTC()).create(ApiRole.ANALYST, "victim", null, Actor.CLI);
    String analyst = apiKey(ApiRole.ANALYST);
    String admin = apiKey(ApiRole.ADMIN);
    List<Route> routes = adminRoutes(agent.deviceId(), token.stored().tokenId(), victim.stored().keyId());
    int auditBefore = storage.auditLog(Long.MAX_VALUE, 100).size();
    for (Route route : routes) {
      assertError(call(route.method(), route.path(), null, route.body()), 401, "unauthorized");
      assertError(call(route.method(), route.path(), analyst, route.body()), 403, "forbidden");
    }
    assertThat(storage.device(agent.deviceId()).orElseThrow().revoked()).isFalse();
    assertThat(storage.tokens()).filteredOn(t -> t.revokedAt() != null).isEmpty();
    assertThat(storage.apiKeys()).hasSize(3).allSatisfy(k -> assertThat(k.revokedAt()).isNull());
    assertThat(storage.auditLog(Long.MAX_VALUE, 100)).hasSize(auditBefore);

    List<Integer> statuses = new java.util.ArrayList<>();
    for (Route route : routes) {
      HttpResponse<String> r = call(route.method(), route.path(), admin, route.body());
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      statuses.add(r.statusCode());
    }
    assertThat(statuses).containsExactly(200, 200, 201, 200, 200, 201, 200, 200);
    assertThat(storage.device(agent.deviceId()).orElseThrow().revoked()).isTrue();
    assertThat(storage.tokens()).filteredOn(t -> t.revokedAt() != null).singleElement()
        .satisfies(t -> assertThat(t.tokenId()).isEqualTo(token.stored().tokenId()));
    assertThat(get("/api/v1/machines", victim.secret()).statusCode()).isEqualTo(401);
  }

  @Test
  void adminsManageTokensKeysAndDevicesThroughTheApiAndEveryChangeIsAuditedWithTheKey() throws Exception {
    var adminKey = new ApiKeys(storage, Clock.systemUTC()).create(ApiRole.ADMIN, "ops lead", null, Actor.CLI);
    String admin = adminKey.secret();
    String adminId = adminKey.stored().keyId();

    HttpResponse<String> created = call("POST", "/api/v1/tokens", admin, "{\"uses\":1}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String secret = json(created).get("token").asText();
    String tokenId = json(created).get("id").asText();
    assertThat(json(created).get("usesLeft").asInt()).isEqualTo(1);
    assertThat(json(created).get("state").asText()).isEqualTo("usable");
    HttpResponse<String> listed = call("GET", "/api/v1/tokens", admin, null);
    assertThat(json(listed).at("/tokens/0/id").asText()).isEqualTo(tokenId);
    assertThat(listed.body()).doesNotContain(secret);

    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    DeviceKey publicKey = DeviceKey.fromSpki(keys.getPublic().getEncoded());
    HttpResponse<String> enrolled = post("/api/v1/enroll", "application/json", enrollBody(secret, publicKey.pem()));
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
    Agent agent = new Agent(keys, publicKey, new EnvelopeSigner(keys.getPrivate(), publicKey.encoded()),
        json(enrolled).get("deviceId").asText());
    assertThat(send(envelope(agent, 1)).statusCode()).isEqualTo(202);

    // Revoked through the API, the device is refused at once: the collector forgets its cached copy.
    assertThat(call("POST", "/api/v1/devices/" + agent.deviceId() + "/revoke", admin, null).statusCode()).isEqualTo(200);
    assertError(send(envelope(agent, 2)), 403, "revoked_device");
    assertError(call("POST", "/api/v1/devices/" + agent.deviceId() + "/revoke", admin, null), 404, "not_found");
    assertThat(storage.reportCount()).isEqualTo(1);

    HttpResponse<String> newKey = call("POST", "/api/v1/apikeys", admin,
        "{\"role\":\"analyst\",\"name\":\"alice@soc\",\"expires\":\"30d\"}");
    assertThat(newKey.statusCode()).as(newKey.body()).isEqualTo(201);
    String analyst = json(newKey).get("key").asText();
    String analystId = json(newKey).get("id").asText();
    assertThat(json(newKey).get("role").asText()).isEqualTo("analyst");
    assertThat(Instant.parse(json(newKey).get("expiresAt").asText()))
        .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    assertThat(get("/api/v1/machines", analyst).statusCode()).isEqualTo(200);
    JsonNode keyList = json(call("GET", "/api/v1/apikeys", admin, null));
    assertThat(keyList.get("apiKeys")).extracting(k -> k.get("name").asText() + " " + k.get("state").asText())
        .containsExactlyInAnyOrder("ops lead active", "alice@soc active");
    assertThat(keyList.toString()).doesNotContain(analyst).doesNotContain(admin);
    assertThat(call("DELETE", "/api/v1/apikeys/" + analystId, admin, null).statusCode()).isEqualTo(200);
    assertError(get("/api/v1/machines", analyst), 401, "unauthorized");
    assertThat(call("DELETE", "/api/v1/tokens/" + tokenId, admin, null).statusCode()).isEqualTo(200);
    assertError(call("DELETE", "/api/v1/tokens/" + tokenId, admin, null), 404, "not_found");

    JsonNode audit = json(call("GET", "/api/v1/audit", admin, null));
    assertThat(audit.get("entries")).extracting(e -> e.at("/actor/keyId").asText() + " " + e.at("/actor/name").asText()
        + " " + e.get("action").asText() + " " + e.get("target").asText()).containsExactly(
            adminId + " ops lead token.revoke " + tokenId,
            adminId + " ops lead apikey.revoke " + analystId,
            adminId + " ops lead apikey.create " + analystId,
            adminId + " ops lead device.revoke " + agent.deviceId(),
            adminId + " ops lead token.create " + tokenId,
            "cli cli apikey.create " + adminId);
    assertThat(audit.get("next").isNull()).isTrue();
    JsonNode page = json(call("GET", "/api/v1/audit?limit=2", admin, null));
    assertThat(page.get("entries")).hasSize(2);
    JsonNode rest = json(call("GET", "/api/v1/audit?limit=10&before=" + page.get("next").asLong(), admin, null));
    assertThat(rest.get("entries")).hasSize(4);
    assertThat(rest.at("/entries/0/action").asText()).isEqualTo("apikey.create");
  }

  @Test
  void revokedAndExpiredKeysGet401() throws Exception {
    Clock twoDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));
    String expired = new ApiKeys(storage, twoDaysAgo).create(ApiRole.ADMIN, "old", Duration.ofDays(1), Actor.CLI).secret();
    String current = new ApiKeys(storage, twoDaysAgo).create(ApiRole.ADMIN, "current", Duration.ofDays(3), Actor.CLI).secret();
    var revoked = new ApiKeys(storage, Clock.systemUTC()).create(ApiRole.ADMIN, "gone", null, Actor.CLI);
    storage.revokeApiKey(revoked.stored().keyId(), Instant.now(), Actor.CLI);
    for (String key : List.of(expired, revoked.secret())) {
      assertError(get("/api/v1/machines", key), 401, "unauthorized");
      assertError(call("GET", "/api/v1/audit", key, null), 401, "unauthorized");
    }
    assertThat(get("/api/v1/machines", current).statusCode()).isEqualTo(200);
    assertThat(json(call("GET", "/api/v1/apikeys", current, null)).get("apiKeys"))
        .extracting(k -> k.get("name").asText() + " " + k.get("state").asText())
        .containsExactly("old expired", "current active", "gone revoked");
  }

  @Test
  void hostileInputToAdminRoutesGetsTypedErrorsThatNeverEchoTheId() throws Exception {
    String admin = apiKey(ApiRole.ADMIN);
    String odd = "x%0D%0AInjected:%20yes%3Cscript%3E";
    String tooLong = "a".repeat(65);
    for (String id : List.of(odd, tooLong, "..%2F..%2Fetc", "%E2%80%A8x", "a.b", "%27%20OR%201=1")) {
      for (Route route : List.of(new Route("POST", "/api/v1/devices/" + id + "/revoke", null),
          new Route("DELETE", "/api/v1/tokens/" + id, null), new Route("DELETE", "/api/v1/apikeys/" + id, null))) {
        HttpResponse<String> r = call(route.method(), route.path(), admin, route.body());
        assertError(r, 400, "bad_parameter");
        assertThat(r.body()).doesNotContain("Injected").doesNotContain("script").doesNotContain(tooLong)
            .doesNotContain("etc").doesNotContain("OR 1");
      }
    }
    for (String path : List.of("/api/v1/devices/dev_nobody/revoke", "/api/v1/tokens/abcdef012345",
        "/api/v1/apikeys/abcdef012345")) {
      HttpResponse<String> r = call(path.endsWith("revoke") ? "POST" : "DELETE", path, admin, null);
      assertError(r, 404, "not_found");
      assertThat(r.body()).doesNotContain("nobody").doesNotContain("abcdef012345");
    }
    for (String path : List.of("/api/v1/tokens", "/api/v1/apikeys")) {
      for (String body : List.of("{", "[]", "null", "\"x\"", "{\"uses\":2.0}", "{\"uses\":1e3}", "{\"uses\":\"3\"}",
          "{\"uses\":0}", "{\"uses\":99999999999}", "{\"expires\":\"forever\"}", "{\"expires\":\"0d\"}",
          "{\"expires\":7}", "{\"role\":\"root\",\"name\":\"x\"}", "{\"role\":\"admin\"}",
          "{\"role\":\"admin\",\"name\":\"bad\\nname\"}", "{\"role\":\"admin\",\"name\":\"" + "n".repeat(65) + "\"}",
          "{\"role\":[\"admin\"],\"name\":\"x\"}", "{\"unknown\":1}")) {
        assertError(call("POST", path, admin, body), 400, "malformed_request");
      }
      assertOverLimitRefused(() -> call("POST", path, admin, "{\"name\":\"" + "x".repeat(64 * 1024) + "\"}"));
      assertError(post(path, "text/plain", "{}".getBytes(), "Authorization", "Bearer " + admin), 415,
          "unsupported_media_type");
    }
    for (String query : List.of("limit=0", "limit=1001", "limit=x", "before=0", "before=-5", "before=1.5")) {
      assertError(call("GET", "/api/v1/audit?" + query, admin, null), 400, "bad_parameter");
    }
    assertThat(storage.tokens()).isEmpty();
    assertThat(storage.apiKeys()).hasSize(1);
    assertThat(storage.auditLog(Long.MAX_VALUE, 10)).hasSize(1);
  }

  @Test
  void anEnrollmentFloodFromOneAddressIsThrottledWithRetryAfterAndCounted() throws Exception {
    // Successes cost nothing: a whole office behind one address enrolls unhindered.
    String office = token(15);
    for (int i = 0; i < 15; i++) {
      KeyPair laptop = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      HttpResponse<String> r = post("/api/v1/enroll", "application/json",
          enrollBody(office, DeviceKey.fromSpki(laptop.getPublic().getEncoded()).pem()));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] wrong = enrollBody("fwt_wrong", DeviceKey.fromSpki(keys.getPublic().getEncoded()).pem());
    int unauthorized = 0;
    int limited = 0;
    long floodStart = System.nanoTime();
    // 300 attempts, then on until one is charged, so the bucket is as empty as it gets when the
    // good token below tries.
    int attempts = 0;
    boolean lastCharged = false;
    while (attempts < 300 || !lastCharged) {
      assertThat(attempts++).isLessThan(1_000);
      HttpResponse<String> r = post("/api/v1/enroll", "application/json", wrong);
      lastCharged = r.statusCode() != 429;
      if (r.statusCode() == 429) {
        limited++;
        assertThat(json(r).get("error").asText()).isEqualTo("rate_limited");
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
            assertThat(Long.parseLong(v)).isBetween(1L, 60L));
      } else {
        assertError(r, 401, "invalid_token");
        unauthorized++;
      }
    }
    // Ten at once, then about one a second for however long the loop took (measured, so a slow
    // machine widens the bound instead of failing it).
    long floodSeconds = (System.nanoTime() - floodStart + 999_999_999L) / 1_000_000_000L;
    assertThat(unauthorized).isBetween(10, 10 + (int) floodSeconds + 1);
    assertThat(limited).isEqualTo(attempts - unauthorized);
    // A good token from the flooded address waits its turn too, until the bucket holds a whole token
    // again, about a second after the last charge (AddressThrottleTest pins the timing on a fake
    // clock). From then on its successes cost nothing, so no refusal ever follows an acceptance.
    String good = token(10);
    StringBuilder outcomes = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      KeyPair late = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      HttpResponse<String> r = post("/api/v1/enroll", "application/json",
          enrollBody(good, DeviceKey.fromSpki(late.getPublic().getEncoded()).pem()));
      if (r.statusCode() == 429) {
        assertError(r, 429, "rate_limited");
        outcomes.append('L');
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        outcomes.append('A');
      }
    }
    assertThat(outcomes.toString()).as("L refused, A accepted").matches("L+A*");
    int lateAccepted = (int) outcomes.chars().filter(c -> c == 'A').count();
    String metrics = get("/metrics", null).body();
    assertThat(metrics).contains("farmwatch_enroll_total{outcome=\"rate_limited\"} "
            + (limited + 10 - lateAccepted) + "\n")
        .contains("farmwatch_enroll_total{outcome=\"invalid_token\"} " + unauthorized + "\n");
    assertThat(storage.devices(null, 100)).hasSize(15 + lateAccepted);
  }

  @Test
  void theTokenIsCheckedBeforeAnythingAboutTheKeyIsSaid() throws Exception {
    Agent agent = enroll();
    String pem = agent.publicKey().pem();
    assertError(post("/api/v1/enroll", "application/json", enrollBody("fwt_wrong", pem)), 401, "invalid_token");
    String used = token(1);
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(post("/api/v1/enroll", "application/json",
        enrollBody(used, DeviceKey.fromSpki(other.getPublic().getEncoded()).pem())).statusCode()).isEqualTo(201);
    assertError(post("/api/v1/enroll", "application/json", enrollBody(used, pem)), 401, "invalid_token");
    String fresh = token(1);
    assertError(post("/api/v1/enroll", "application/json", enrollBody(fresh, pem)), 409, "key_already_enrolled");
    // The refused key did not spend the token's one use.
    assertThat(storage.tokens()).filteredOn(t -> t.usesLeft() == 1).hasSize(1);
    assertThat(get("/metrics", null).body()).contains("farmwatch_enroll_total{outcome=\"enrolled\"} 2")
        .contains("farmwatch_enroll_total{outcome=\"key_already_enrolled\"} 1");
  }

  @Test
  void parallelEnrollmentsOfOneKeyAnswerOne201AndOnly409s() throws Exception {
    int n = 8;
    String token = token(n);
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] body = enrollBody(token, DeviceKey.fromSpki(keys.getPublic().getEncoded()).pem());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
      List<java.util.concurrent.Future<HttpResponse<String>>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return post("/api/v1/enroll", "application/json", body);
        }));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var call : calls) {
        HttpResponse<String> r = call.get();
        statuses.add(r.statusCode());
        if (r.statusCode() != 201) {
          assertError(r, 409, "key_already_enrolled");
        }
      }
      assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storage.devices(null, 100)).hasSize(1);
    assertThat(storage.tokens()).singleElement().satisfies(t -> assertThat(t.usesLeft()).isEqualTo(n - 1));
  }

  @Test
  void overLimitReportsAreRefusedNamingTheFieldAndNotStored() throws Exception {
    Agent agent = enroll();
    Report bloated = new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(agent.deviceId(), "test", 1, Instant.now(), "laptop-1", null),
        null, null, null, null, null, null, null,
        List.of(new Finding(FindingKind.OTHER, "n".repeat(900_000), Severity.HIGH, Map.of(), "r".repeat(900_000))),
        List.of());
    HttpResponse<String> r = send(EnvelopeSigner.encode(agent.signer().sign(bloated)));
    assertError(r, 422, "limit_exceeded");
    assertThat(json(r).get("message").asText()).startsWith("findings[0].name is 900000 characters");
    assertThat(storage.reportCount()).isZero();
    assertThat(send(envelope(agent, 1)).statusCode()).isEqualTo(202);
  }

  @Test
  void alertAndMachinePagesEndAtTheirSizeOrCountAndSayWhereToGoOn() throws Exception {
    Instant now = Instant.now();
    String bulky = "[{\"signal\":\"SAME_GATEWAY_MAC\",\"detail\":\"" + "x".repeat(100_000) + "\"}]";
    for (int i = 0; i < 60; i++) {
      storage.saveAlert(new AlertRecord(String.format("a%02d", i), "LAPTOP_FARM", "HIGH", 0.9, "[\"d1\"]", bulky,
          "s", now, now, "OPEN", now));
    }
    String key = apiKey(ApiRole.ANALYST);
    java.util.Set<String> seen = new java.util.HashSet<>();
    String cursor = "";
    int pages = 0;
    while (cursor != null) {
      HttpResponse<String> r = get("/api/v1/alerts?limit=1000" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), key);
      assertThat(r.body().length()).isLessThanOrEqualTo(1024 * 1024);
      JsonNode page = json(r);
      page.get("alerts").forEach(a -> seen.add(a.get("id").asText()));
      cursor = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    }
    assertThat(seen).hasSize(60);
    assertThat(pages).isGreaterThan(5);

    List<String> ids = List.of(enroll().deviceId(), enroll().deviceId(), enroll().deviceId());
    JsonNode first = json(get("/api/v1/machines?limit=2", key));
    assertThat(first.get("machines")).hasSize(2);
    JsonNode rest = json(get("/api/v1/machines?limit=2&after=" + first.get("next").asText(), key));
    assertThat(rest.get("machines")).hasSize(1);
    assertThat(rest.get("next").isNull()).isTrue();
    List<String> listed = new java.util.ArrayList<>();
    first.get("machines").forEach(m -> listed.add(m.get("deviceId").asText()));
    rest.get("machines").forEach(m -> listed.add(m.get("deviceId").asText()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
  }

  static byte[] gzip(byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  // Central policy (PROTOCOL.md section 7).

  static final String DRAFT = "{\"allowlist\":[{\"name\":\"AnyDesk\"}],\"privacy\":{\"inputSampling\":false},"
      + "\"reportIntervalSeconds\":600}";

  /** GET /api/v1/agent/policy as an agent makes it, signed with the agent's key at {@code at}. */
  HttpResponse<String> fetchPolicy(Agent agent, Instant at, String ifNoneMatch) throws Exception {
    String time = DeviceRequestAuth.time(at);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(agent.keys().getPrivate());
    signer.update(DeviceRequestAuth.message(agent.deviceId(), time));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + DeviceRequestAuth.PATH)).GET()
        .header(DeviceRequestAuth.DEVICE_HEADER, agent.deviceId())
        .header(DeviceRequestAuth.TIME_HEADER, time)
        .header(DeviceRequestAuth.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signer.sign()));
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anAdminSetsAPolicyAndEnrolledAgentsFetchItSignedWithTheKeyTheyLearnedAtEnrollment() throws Exception {
    String admin = apiKey(ApiRole.ADMIN);
    HttpResponse<String> enrolled = post("/api/v1/enroll", "application/json", enrollBody(token(1), DeviceKey.fromSpki(
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()).pem()));
    PolicyVerifier verifier = new PolicyVerifier(EncodedPublicKey.fromPem(json(enrolled).get("policyKey").asText()));
    Agent agent = enroll();
    assertError(fetchPolicy(agent, Instant.now(), null), 404, "not_found");
    assertError(call("GET", "/api/v1/policy", admin, null), 404, "not_found");

    HttpResponse<String> set = call("PUT", "/api/v1/policy", admin, DRAFT);
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json(set).get("version").asLong()).isEqualTo(1);
    assertThat(json(call("GET", "/api/v1/policy", admin, null)).at("/policy/allowlist/0/name").asText()).isEqualTo("AnyDesk");

    HttpResponse<String> fetched = fetchPolicy(agent, Instant.now(), null);
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.headers().firstValue("ETag")).hasValue("\"1\"");
    Policy policy = verifier.verify(fetched.body().getBytes(StandardCharsets.UTF_8));
    assertThat(policy.version()).isEqualTo(1);
    assertThat(policy.allowlist()).extracting(Policy.AllowedTool::name).containsExactly("AnyDesk");
    assertThat(policy.privacy().inputSampling()).isFalse();
    assertThat(policy.reportIntervalSeconds()).isEqualTo(600);

    HttpResponse<String> unchanged = fetchPolicy(agent, Instant.now(), "\"1\"");
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();

    assertThat(call("PUT", "/api/v1/policy", admin, "{\"allowlist\":[]}").statusCode()).isEqualTo(200);
    HttpResponse<String> newer = fetchPolicy(agent, Instant.now(), "\"1\"");
    assertThat(newer.statusCode()).isEqualTo(200);
    assertThat(verifier.verify(newer.body().getBytes(StandardCharsets.UTF_8)).version()).isEqualTo(2);
    assertThat(storage.auditLog(Long.MAX_VALUE, 10)).filteredOn(e -> e.action().equals("policy.set"))
        .extracting(e -> e.target() + " by " + e.actorName()).containsExactly("v2 by admin-test", "v1 by admin-test");
  }

  @Test
  void aBadPolicyIsRefusedNamingEveryBadKeyAndNothingIsStored() throws Exception {
    String admin = apiKey(ApiRole.ADMIN);
    HttpResponse<String> r = call("PUT", "/api/v1/policy", admin, "{\"allowlist\":[{\"nmae\":\"AnyDesk\"},{}],"
        + "\"privacy\":{\"sendCommandLines\":\"yes\"},\"reportIntervalSeconds\":5,\"version\":9,\"colour\":1,"
        + "\"catalog\":{\"remoteAccess\":[{\"name\":\"X\",\"exe\":[],\"ports\":[70000]}]}}");
    assertError(r, 422, "invalid_policy");
    assertThat(json(r).get("message").asText()).contains("allowlist[0].nmae: unknown key",
        "allowlist[1]: needs at least one of name, path, signer", "privacy.sendCommandLines: must be true or false",
        "reportIntervalSeconds: must be an integer from 60 to 86400", "version: set by the collector",
        "colour: unknown key", "catalog.remoteAccess[0].exe: at least one", "catalog.remoteAccess[0].ports[0]");
    assertError(call("PUT", "/api/v1/policy", admin, "{\"schemaVersion\":2}"), 422, "invalid_policy");
    assertThat(storage.currentPolicy()).isEmpty();
    assertThat(storage.auditLog(Long.MAX_VALUE, 10)).noneMatch(e -> e.action().equals("policy.set"));
  }

  @Test
  void hostileInputToThePolicyRoutesGetsTypedErrorsAndChangesNothing() throws Exception {
    String admin = apiKey(ApiRole.ADMIN);
    String analyst = apiKey(ApiRole.ANALYST);
    for (String method : List.of("GET", "PUT")) {
      assertError(call(method, "/api/v1/policy", null, method.equals("PUT") ? DRAFT : null), 401, "unauthorized");
      assertError(call(method, "/api/v1/policy", analyst, method.equals("PUT") ? DRAFT : null), 403, "forbidden");
    }
    for (String body : List.of("{", "[]", "null", "\"x\"", "{\"allowlist\":[{\"name\":\"a\"}]} trailing")) {
      assertError(call("PUT", "/api/v1/policy", admin, body), 400, "malformed_request");
    }
    assertOverLimitRefused(() -> call("PUT", "/api/v1/policy", admin,
        "{\"allowlist\":[{\"name\":\"" + "x".repeat(PolicyReader.MAX_POLICY_BYTES) + "\"}]}"));
    HttpResponse<String> tooMany = call("PUT", "/api/v1/policy", admin, "{\"allowlist\":["
        + String.join(",", java.util.Collections.nCopies(PolicyReader.MAX_ALLOWLIST + 1, "{\"name\":\"a\"}")) + "]}");
    assertError(tooMany, 422, "invalid_policy");
    assertThat(json(tooMany).get("message").asText()).contains("allowlist: 1025 items, over the limit of 1024");
    assertThat(storage.currentPolicy()).isEmpty();

    assertThat(call("PUT", "/api/v1/policy", admin, DRAFT).statusCode()).isEqualTo(200);
    Agent agent = enroll();
    Agent other = enroll();
    String now = DeviceRequestAuth.time(Instant.now());
    assertError(get(DeviceRequestAuth.PATH, null), 401, "invalid_device_auth");
    assertError(fetchPolicy(agent, Instant.now().minus(Duration.ofMinutes(6)), null), 401, "invalid_device_auth");
    assertError(fetchPolicy(agent, Instant.now().plus(Duration.ofMinutes(6)), null), 401, "invalid_device_auth");
    for (String[] headers : List.of(
        new String[] {agent.deviceId(), "yesterday", "AAAA"},
        new String[] {agent.deviceId(), now, "not base64!"},
        new String[] {"dev_x y", now, "AAAA"},
        new String[] {"d".repeat(65), now, "AAAA"},
        new String[] {agent.deviceId(), now, "A".repeat(4096)})) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + DeviceRequestAuth.PATH)).GET()
          .header(DeviceRequestAuth.DEVICE_HEADER, headers[0]).header(DeviceRequestAuth.TIME_HEADER, headers[1])
          .header(DeviceRequestAuth.SIGNATURE_HEADER, headers[2]).build(), HttpResponse.BodyHandlers.ofString());
      assertError(r, 401, "invalid_device_auth");
    }
    // Another device's valid signature does not open this device's policy, nor does a short one.
    Agent impostor = new Agent(other.keys(), other.publicKey(), other.signer(), agent.deviceId());
    assertError(fetchPolicy(impostor, Instant.now(), null), 401, "bad_signature");
    Agent stranger = new Agent(agent.keys(), agent.publicKey(), agent.signer(), "dev_0123456789abcdef0123456789abcdef");
    assertError(fetchPolicy(stranger, Instant.now(), null), 401, "unknown_device");
    assertThat(call("POST", "/api/v1/devices/" + agent.deviceId() + "/revoke", admin, null).statusCode()).isEqualTo(200);
    assertError(fetchPolicy(agent, Instant.now(), null), 403, "revoked_device");
    assertThat(fetchPolicy(other, Instant.now(), null).statusCode()).isEqualTo(200);
    assertThat(storage.currentPolicy()).hasValueSatisfying(p -> assertThat(p.version()).isEqualTo(1));
  }

  @Test
  void concurrentPolicyWritesGetDistinctVersions() throws Exception {
    String admin = apiKey(ApiRole.ADMIN);
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/policy"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
          .PUT(HttpRequest.BodyPublishers.ofString("{\"reportIntervalSeconds\":" + (60 + i) + "}")).build();
      writes.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Long> versions = new java.util.ArrayList<>();
    for (var w : writes) {
      HttpResponse<String> r = w.get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      versions.add(json(r).get("version").asLong());
    }
    assertThat(versions).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
  }
}
