package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every storage backend must do. Each backend's test extends this and says how to open a
 * fresh, empty store.
 */
public abstract class StorageContract {

  protected static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  protected Storage storage;

  protected abstract Storage openFresh() throws Exception;

  @BeforeEach
  void open() throws Exception {
    storage = openFresh();
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private void token(String hash, int uses, Instant expires) {
    storage.createToken(new EnrollmentToken(hash.substring(0, 12), hash, T0, expires, uses, null));
  }

  private boolean enroll(String hash, String deviceId) {
    return storage.enroll(hash, new NewDevice(deviceId, "PEM-" + deviceId, "key-" + deviceId,
        "fp", "host", "1.0", T0), T0);
  }

  private IncomingReport report(String deviceId, long sequence) {
    return new IncomingReport(deviceId, sequence, T0.plusSeconds(sequence), T0, "203.0.113.9",
        ("{\"seq\":" + sequence + "}").getBytes(StandardCharsets.UTF_8), "host", "1.0", "{}", "{}");
  }

  @Test
  void aTokenEnrollsAsManyDevicesAsItHasUses() {
    token("aaaaaaaaaaaaaaaa", 2, T0.plus(Duration.ofDays(1)));
    assertThat(enroll("aaaaaaaaaaaaaaaa", "d1")).isTrue();
    assertThat(enroll("aaaaaaaaaaaaaaaa", "d2")).isTrue();
    assertThat(enroll("aaaaaaaaaaaaaaaa", "d3")).isFalse();
    assertThat(storage.device("d3")).isEmpty();
    assertThat(storage.tokens()).singleElement().satisfies(t -> assertThat(t.usesLeft()).isZero());
  }

  @Test
  void expiredRevokedAndUnknownTokensEnrollNothing() {
    token("bbbbbbbbbbbbbbbb", 5, T0.minusSeconds(1));
    token("cccccccccccccccc", 5, null);
    assertThat(storage.revokeToken("cccccccccccc", T0)).isTrue();
    assertThat(enroll("bbbbbbbbbbbbbbbb", "d1")).isFalse();
    assertThat(enroll("cccccccccccccccc", "d1")).isFalse();
    assertThat(enroll("dddddddddddddddd", "d1")).isFalse();
    assertThat(storage.devices(null, 10)).isEmpty();
  }

  @Test
  void acceptsOnlyStrictlyIncreasingSequences() {
    token("aaaaaaaaaaaaaaaa", 1, null);
    enroll("aaaaaaaaaaaaaaaa", "d1");
    assertThat(storage.accept(report("d1", 1))).isEqualTo(AcceptOutcome.STORED);
    assertThat(storage.accept(report("d1", 1))).isEqualTo(AcceptOutcome.REPLAYED);
    assertThat(storage.accept(report("d1", 5))).isEqualTo(AcceptOutcome.STORED);
    assertThat(storage.accept(report("d1", 3))).isEqualTo(AcceptOutcome.REPLAYED);
    assertThat(storage.reportCount()).isEqualTo(2);
    DeviceRecord d = storage.device("d1").orElseThrow();
    assertThat(d.lastSequence()).isEqualTo(5);
    assertThat(d.lastEgress()).isEqualTo("203.0.113.9");
  }

  @Test
  void aReportReadsBackAsExactlyTheSignedBytes() {
    token("aaaaaaaaaaaaaaaa", 1, null);
    enroll("aaaaaaaaaaaaaaaa", "d1");
    StringBuilder json = new StringBuilder("{\"processes\":[");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 120; i++) {
      json.append(i == 0 ? "" : ",").append("{\"name\":\"proc-").append(random.nextInt())
          .append("\",\"path\":\"/usr/lib/app/\u00e9t\u00e9/").append(Long.toHexString(random.nextLong())).append("\"}");
    }
    byte[] payload = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    IncomingReport r = report("d1", 1);
    assertThat(storage.accept(new IncomingReport(r.deviceId(), r.sequence(), r.receivedAt(), r.collectedAt(),
        r.egress(), payload, r.hostname(), r.agentVersion(), r.summaryJson(), r.observationJson())))
        .isEqualTo(AcceptOutcome.STORED);
    assertThat(storage.recentReports("d1", 1)).singleElement()
        .satisfies(stored -> assertThat(stored.payload()).isEqualTo(payload));
  }

  @Test
  void concurrentCopiesOfOneReportAreStoredOnce() throws Exception {
    token("aaaaaaaaaaaaaaaa", 1, null);
    enroll("aaaaaaaaaaaaaaaa", "d1");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<AcceptOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        outcomes.add(pool.submit(() -> storage.accept(report("d1", 7))));
      }
      int stored = 0;
      for (Future<AcceptOutcome> f : outcomes) {
        stored += f.get() == AcceptOutcome.STORED ? 1 : 0;
      }
      assertThat(stored).isEqualTo(1);
      assertThat(storage.reportCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Many devices' reports in flight at once land in shared write batches: each answer must match
   * what was stored for that very report, whatever order the batch held them in.
   */
  @Test
  void reportsSharingABatchEachGetTheirOwnOutcome() throws Exception {
    token("aaaaaaaaaaaaaaaa", 5, null);
    for (String d : List.of("d1", "d2", "d3", "d4")) {
      enroll("aaaaaaaaaaaaaaaa", d);
    }
    storage.revokeDevice("d4", T0);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<AcceptOutcome>> outcomes = new ArrayList<>();
      List<IncomingReport> sent = new ArrayList<>();
      for (int sequence = 1; sequence <= 30; sequence++) {
        for (String d : List.of("d1", "d2", "d3", "d4")) {
          IncomingReport r = report(d, sequence);
          sent.add(r);
          outcomes.add(pool.submit(() -> storage.accept(r)));
        }
      }
      Map<String, List<Long>> storedByDevice = new TreeMap<>();
      for (int i = 0; i < sent.size(); i++) {
        AcceptOutcome outcome = outcomes.get(i).get();
        IncomingReport r = sent.get(i);
        if (r.deviceId().equals("d4")) {
          assertThat(outcome).isEqualTo(AcceptOutcome.DEVICE_UNAVAILABLE);
        } else if (outcome == AcceptOutcome.STORED) {
          storedByDevice.computeIfAbsent(r.deviceId(), k -> new ArrayList<>()).add(r.sequence());
        } else {
          assertThat(outcome).isEqualTo(AcceptOutcome.REPLAYED);
        }
      }
      for (String d : List.of("d1", "d2", "d3")) {
        List<Long> answeredStored = storedByDevice.getOrDefault(d, List.of());
        List<Long> inStore = storage.recentReports(d, 100).stream().map(StoredReport::sequence).sorted().toList();
        assertThat(inStore).as(d).isEqualTo(answeredStored.stream().sorted().toList());
        assertThat(storage.device(d).orElseThrow().lastSequence()).isEqualTo(Collections.max(inStore));
      }
      assertThat(storage.recentReports("d4", 100)).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void revokedAndUnknownDevicesStoreNothing() {
    token("aaaaaaaaaaaaaaaa", 1, null);
    enroll("aaaaaaaaaaaaaaaa", "d1");
    assertThat(storage.revokeDevice("d1", T0)).isTrue();
    assertThat(storage.revokeDevice("d1", T0)).isFalse();
    assertThat(storage.accept(report("d1", 1))).isEqualTo(AcceptOutcome.DEVICE_UNAVAILABLE);
    assertThat(storage.accept(report("nobody", 1))).isEqualTo(AcceptOutcome.DEVICE_UNAVAILABLE);
    assertThat(storage.reportCount()).isZero();
  }

  @Test
  void pagesThroughDevicesInIdOrder() {
    token("aaaaaaaaaaaaaaaa", 5, null);
    for (String id : List.of("d3", "d1", "d5", "d2", "d4")) {
      enroll("aaaaaaaaaaaaaaaa", id);
    }
    List<DeviceRecord> first = storage.devices(null, 2);
    List<DeviceRecord> second = storage.devices(first.get(1).deviceId(), 2);
    List<DeviceRecord> third = storage.devices(second.get(1).deviceId(), 2);
    assertThat(first).extracting(DeviceRecord::deviceId).containsExactly("d1", "d2");
    assertThat(second).extracting(DeviceRecord::deviceId).containsExactly("d3", "d4");
    assertThat(third).extracting(DeviceRecord::deviceId).containsExactly("d5");
  }

  @Test
  void retentionPrunesRawReportsButKeepsTheMachine() {
    token("aaaaaaaaaaaaaaaa", 1, null);
    enroll("aaaaaaaaaaaaaaaa", "d1");
    for (long s = 1; s <= 4; s++) {
      storage.accept(report("d1", s));
    }
    assertThat(storage.pruneReportsReceivedBefore(T0.plusSeconds(3))).isEqualTo(2);
    assertThat(storage.recentReports("d1", 10)).extracting(StoredReport::sequence).containsExactly(4L, 3L);
    assertThat(storage.device("d1").orElseThrow().lastSequence()).isEqualTo(4);
  }

  @Test
  void apiKeysAreFoundByHashOnly() {
    storage.createApiKey("kid", "hash-of-key", ApiRole.ANALYST, T0);
    assertThat(storage.apiKeyRole("hash-of-key")).contains(ApiRole.ANALYST);
    assertThat(storage.apiKeyRole("other")).isEmpty();
  }

  @Test
  void alertsAreReplacedNotDuplicatedAndListedNewestFirst() {
    AlertRecord older = new AlertRecord("a1", "LAPTOP_FARM", "HIGH", 0.8, "[\"d1\",\"d2\"]", "[]",
        "two laptops share one router", T0, T0, "OPEN", "[]", T0);
    AlertRecord newer = new AlertRecord("a2", "REMOTE_CONTROL", "MEDIUM", 0.5, "[\"d3\"]", "[]",
        "AnyDesk", T0, T0.plusSeconds(60), "OPEN", "[]", T0);
    storage.saveAlert(older);
    storage.saveAlert(newer);
    storage.saveAlert(new AlertRecord("a1", "LAPTOP_FARM", "CRITICAL", 0.95, "[\"d1\",\"d2\",\"d4\"]",
        "[]", "three laptops", T0, T0.plusSeconds(120), "OPEN", "[]", T0));
    assertThat(storage.alerts(10, 0)).extracting(AlertRecord::alertId).containsExactly("a1", "a2");
    assertThat(storage.alert("a1").orElseThrow().severity()).isEqualTo("CRITICAL");
    assertThat(storage.alerts(1, 1)).extracting(AlertRecord::alertId).containsExactly("a2");
  }
}
