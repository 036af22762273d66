package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forty enrolled devices turned hostile against the real collector jar with the service's heap
 * (512 MB): bloated reports are refused naming the field, reports at every limit are stored within
 * bounds, the data folder and heap stay small, large machine pages stay bounded, and the collector
 * starts again on the data they left.
 */
class HostileDevicesIT {

  static final int DEVICES = 40;

  @TempDir Path tmp;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void bloatedReportsAreRefusedAndNothingGrowsOutOfBounds() throws Exception {
    Path data = tmp.resolve("data");
    String token = CollectorProcess.lastLine(CollectorProcess.run(List.of("token", "create", "--data", data.toString(), "--uses",
        String.valueOf(DEVICES))));
    String key = CollectorProcess.lastLine(CollectorProcess.run(List.of("apikey", "create", "--data", data.toString(), "--role",
        "analyst", "--name", "hostile-it")));
    int port = CollectorProcess.freePort();
    String base = "http://127.0.0.1:" + port;

    Process collector = serve(data, port, tmp.resolve("collector-1.log"));
    try {
      long heapBefore = CollectorProcess.liveHeapKb(collector.pid()) * 1024;
      long folderBefore = folderBytes(data);
      List<Agent> agents = new ArrayList<>();
      for (int i = 0; i < DEVICES; i++) {
        agents.add(enroll(base, token, i));
      }
      for (Agent agent : agents) {
        HttpResponse<String> refused = post(base, agent.envelope(bloated(agent.id())));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode error = ProtocolJson.mapper().readTree(refused.body());
        assertThat(error.get("error").asText()).isEqualTo("limit_exceeded");
        assertThat(error.get("message").asText()).startsWith("findings[0].name is 900000 characters");

        HttpResponse<String> heaviest = post(base, agent.envelope(atEveryFindingLimit(agent.id())));
        assertThat(heaviest.statusCode()).as(heaviest.body()).isEqualTo(202);
      }
      long folderGrowth = folderBytes(data) - folderBefore;
      long heapGrowth = CollectorProcess.liveHeapKb(collector.pid()) * 1024 - heapBefore;
      System.out.printf("%d hostile devices: data folder +%,d bytes (%,d per device), heap +%,d bytes (%,d per device)%n",
          DEVICES, folderGrowth, folderGrowth / DEVICES, heapGrowth, heapGrowth / DEVICES);
      assertThat(folderGrowth / DEVICES).as("data folder growth per device").isLessThan(256 * 1024);
      assertThat(heapGrowth / DEVICES).as("heap growth per device").isLessThan(512 * 1024);

      List<CompletableFuture<HttpResponse<String>>> pages = Stream.generate(() -> http.sendAsync(
          HttpRequest.newBuilder(URI.create(base + "/api/v1/machines?limit=1000"))
              .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()))
          .limit(3).toList();
      for (CompletableFuture<HttpResponse<String>> page : pages) {
        HttpResponse<String> r = page.get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().length()).isLessThanOrEqualTo(1024 * 1024);
        System.out.printf("GET /api/v1/machines?limit=1000: %,d bytes, %d machines%n", r.body().length(),
            ProtocolJson.mapper().readTree(r.body()).get("machines").size());
      }
      assertThat(collector.isAlive()).isTrue();
    } finally {
      stop(collector);
    }
    assertThat(Files.readString(tmp.resolve("collector-1.log"))).doesNotContain("OutOfMemoryError");

    Process again = serve(data, port, tmp.resolve("collector-2.log"));
    try {
      JsonNode machines = ProtocolJson.mapper().readTree(http.send(
          HttpRequest.newBuilder(URI.create(base + "/api/v1/machines?limit=1000"))
              .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(machines.get("machines")).hasSize(DEVICES);
    } finally {
      stop(again);
    }
    assertThat(Files.readString(tmp.resolve("collector-2.log"))).doesNotContain("OutOfMemoryError");
  }

  /** The attack: one finding with a 900 KB name and a 900 KB reason, about 3 KB of gzip. */
  static Report bloated(String deviceId) {
    return report(deviceId, 1, List.of(new Finding(FindingKind.REMOTE_ACCESS, "n".repeat(900_000), Severity.HIGH,
        Map.of(), "r".repeat(900_000))));
  }

  /**
   * About the most a device may send in findings: 200 findings (the list limit is 256, but 256 at
   * their longest would pass the 2 MB payload limit) at their longest name, reason and evidence.
   */
  static Report atEveryFindingLimit(String deviceId) {
    int reasonChars = ProtocolLimits.STRING_CHARS.get("findings[].reason");
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      findings.add(new Finding(FindingKind.REMOTE_ACCESS, String.format("%03d", i) + "n".repeat(253), Severity.HIGH,
          Map.of("path", "p".repeat(ProtocolLimits.STRING_CHARS.get("findings[].evidence"))), "r".repeat(reasonChars)));
    }
    Report report = report(deviceId, 2, findings);
    assertThat(ReportLimits.check(report)).isEmpty();
    return report;
  }

  static Report report(String deviceId, long sequence, List<Finding> findings) {
    return new Report(Report.SCHEMA_VERSION, new DeviceInfo(deviceId, "hostile", sequence, Instant.now(), "h", null),
        null, null, null, null, null, null, null, findings, List.of());
  }

  record Agent(String id, EnvelopeSigner signer) {
    byte[] envelope(Report report) {
      return EnvelopeSigner.encode(signer.sign(report));
    }
  }

  Agent enroll(String base, String token, int i) throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    DeviceKey key = DeviceKey.fromSpki(keys.getPublic().getEncoded());
    byte[] body = ProtocolJson.mapper().writeValueAsBytes(Map.of("token", token, "publicKey", key.pem(),
        "hostname", "hostile-" + i));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/enroll"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new Agent(ProtocolJson.mapper().readTree(r.body()).get("deviceId").asText(),
        new EnvelopeSigner(keys.getPrivate(), key.encoded()));
  }

  HttpResponse<String> post(String base, byte[] envelope) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reports"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Process serve(Path data, int port, Path log) throws Exception {
    return CollectorProcess.serve(log, List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"),
        List.of("--data", data.toString(), "--listen", "127.0.0.1:" + port));
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy();
    p.waitFor();
  }

  static long folderBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
