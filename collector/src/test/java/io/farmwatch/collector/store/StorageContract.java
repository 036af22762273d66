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
import java.util.concurrent.CyclicBarrier;
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
    storage.createToken(new EnrollmentToken(hash.substring(0, 12), hash, T0, expires, uses, null), Actor.CLI);
  }

  private boolean enroll(String hash, String deviceId) {
    return enrollKey(hash, deviceId, "key-" + deviceId) == EnrollOutcome.ENROLLED;
  }

  private EnrollOutcome enrollKey(String hash, String deviceId, String keyId) {
    return storage.enroll(hash, new NewDevice(deviceId, "PEM-" + deviceId, keyId, "fp", "host", "1.0", T0), T0);
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
    assertThat(storage.revokeToken("cccccccccccc", T0, Actor.CLI)).isTrue();
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
    storage.revokeDevice("d4", T0, Actor.CLI);
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
    assertThat(storage.revokeDevice("d1", T0, Actor.CLI)).isTrue();
    assertThat(storage.revokeDevice("d1", T0, Actor.CLI)).isFalse();
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
  void apiKeysAreFoundByHashOnlyWhileNeitherRevokedNorExpired() {
    ApiKey analyst = new ApiKey("kid1", "alice", ApiRole.ANALYST, T0, null, null);
    ApiKey admin = new ApiKey("kid2", "ops", ApiRole.ADMIN, T0, T0.plusSeconds(60), null);
    storage.createApiKey(analyst, "hash-1", Actor.CLI);
    storage.createApiKey(admin, "hash-2", Actor.of(analyst));
    assertThat(storage.activeApiKey("hash-1", T0)).contains(analyst);
    assertThat(storage.activeApiKey("hash-2", T0.plusSeconds(59))).contains(admin);
    assertThat(storage.activeApiKey("hash-2", T0.plusSeconds(60))).isEmpty();
    assertThat(storage.activeApiKey("other", T0)).isEmpty();
    assertThat(storage.revokeApiKey("kid1", T0.plusSeconds(5), Actor.of(admin))).isTrue();
    assertThat(storage.revokeApiKey("kid1", T0.plusSeconds(6), Actor.of(admin))).isFalse();
    assertThat(storage.revokeApiKey("nobody", T0, Actor.of(admin))).isFalse();
    assertThat(storage.activeApiKey("hash-1", T0.plusSeconds(5))).isEmpty();
    assertThat(storage.apiKeys()).extracting(k -> k.keyId() + " " + k.state(T0.plusSeconds(30)))
        .containsExactly("kid1 revoked", "kid2 active");
    assertThat(storage.auditLog(Long.MAX_VALUE, 10))
        .extracting(e -> e.actorId() + "/" + e.actorName() + " " + e.action() + " " + e.target())
        .containsExactly("kid2/ops apikey.revoke kid1", "kid1/alice apikey.create kid2", "cli/cli apikey.create kid1");
  }

  @Test
  void everyChangeIsAuditedOnceWithItsActorAndTheLogPagesNewestFirst() {
    Actor admin = new Actor("kid9", "ops");
    storage.createToken(new EnrollmentToken("tok000000001", "aaaaaaaaaaaaaaaa", T0, null, 3, null), admin);
    enroll("aaaaaaaaaaaaaaaa", "d1");
    assertThat(storage.revokeToken("tok000000001", T0.plusSeconds(1), admin)).isTrue();
    assertThat(storage.revokeToken("tok000000001", T0.plusSeconds(2), admin)).isFalse();
    assertThat(storage.revokeDevice("d1", T0.plusSeconds(3), Actor.CLI)).isTrue();
    assertThat(storage.revokeDevice("nobody", T0.plusSeconds(3), Actor.CLI)).isFalse();
    AlertRecord alert = new AlertRecord("a1", "LAPTOP_FARM", "HIGH", 0.8, "[\"d1\"]", "[]", "s", T0, T0,
        "ACKNOWLEDGED", "[]", T0.plusSeconds(4));
    storage.triageAlert(alert, new Actor("kid8", "alice"), "status=ACKNOWLEDGED");
    assertThat(storage.alert("a1")).contains(alert);

    List<AuditEntry> all = storage.auditLog(Long.MAX_VALUE, 10);
    assertThat(all).extracting(e -> e.actorName() + " " + e.action() + " " + e.target() + " " + e.detail())
        .containsExactly("alice alert.triage a1 status=ACKNOWLEDGED", "cli device.revoke d1 null",
            "ops token.revoke tok000000001 null", "ops token.create tok000000001 uses=3");
    assertThat(all).extracting(AuditEntry::at).containsExactly(T0.plusSeconds(4), T0.plusSeconds(3),
        T0.plusSeconds(1), T0);
    List<AuditEntry> first = storage.auditLog(Long.MAX_VALUE, 3);
    assertThat(storage.auditLog(first.get(2).entryId(), 3)).containsExactly(all.get(3));
  }

  @Test
  void theTokenIsCheckedBeforeTheKeyAndARefusedKeyLeavesTheTokenUnspent() {
    token("aaaaaaaaaaaaaaaa", 3, null);
    assertThat(enrollKey("aaaaaaaaaaaaaaaa", "d1", "k1")).isEqualTo(EnrollOutcome.ENROLLED);
    assertThat(enrollKey("ffffffffffffffff", "d2", "k1")).isEqualTo(EnrollOutcome.INVALID_TOKEN);
    assertThat(enrollKey("aaaaaaaaaaaaaaaa", "d2", "k1")).isEqualTo(EnrollOutcome.KEY_ALREADY_ENROLLED);
    assertThat(storage.device("d2")).isEmpty();
    assertThat(storage.tokens()).singleElement().satisfies(t -> assertThat(t.usesLeft()).isEqualTo(2));
  }

  @Test
  void concurrentEnrollmentsOfOneKeyEnrollItExactlyOnce() throws Exception {
    int n = 8;
    token("aaaaaaaaaaaaaaaa", n, null);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier start = new CyclicBarrier(n);
      List<Future<EnrollOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String deviceId = "d" + i;
        outcomes.add(pool.submit(() -> {
          start.await();
          return enrollKey("aaaaaaaaaaaaaaaa", deviceId, "same-key");
        }));
      }
      List<EnrollOutcome> results = new ArrayList<>();
      for (Future<EnrollOutcome> f : outcomes) {
        results.add(f.get());
      }
      assertThat(results).containsOnlyOnce(EnrollOutcome.ENROLLED)
          .containsOnly(EnrollOutcome.ENROLLED, EnrollOutcome.KEY_ALREADY_ENROLLED);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storage.devices(null, 100)).singleElement().satisfies(d -> assertThat(d.keyId()).isEqualTo("same-key"));
    assertThat(storage.tokens()).singleElement().satisfies(t -> assertThat(t.usesLeft()).isEqualTo(n - 1));
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

  /** Collectors sharing a database start at once: each offers its own new key, all end with the first stored. */
  @Test
  void thePolicyKeyIsTheFirstOneStoredWhoeverOffersOneLater() throws Exception {
    List<PolicyKey> offered = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      offered.add(new PolicyKey(new byte[] {(byte) i, 1, 2}, "PEM-" + i, T0));
    }
    CyclicBarrier start = new CyclicBarrier(offered.size());
    ExecutorService pool = Executors.newFixedThreadPool(offered.size());
    try {
      List<Future<PolicyKey>> got = new ArrayList<>();
      for (PolicyKey key : offered) {
        got.add(pool.submit(() -> {
          start.await();
          return storage.policyKey(key);
        }));
      }
      List<String> kept = new ArrayList<>();
      for (Future<PolicyKey> f : got) {
        kept.add(f.get().publicKeyPem());
      }
      assertThat(kept).containsOnly(kept.get(0));
      assertThat(storage.policyKey(new PolicyKey(new byte[] {9}, "PEM-late", T0)).publicKeyPem()).isEqualTo(kept.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void policiesAreIssuedInOrderAndAFailedSigningStoresNothing() {
    storage.policyKey(new PolicyKey(new byte[] {1}, "PEM", T0));
    assertThat(storage.currentPolicy()).isEmpty();
    assertThat(storage.issuePolicy(v -> new IssuedPolicy(v, "signed-" + v, T0), Actor.CLI).version()).isEqualTo(1);
    assertThat(storage.issuePolicy(v -> new IssuedPolicy(v, "signed-" + v, T0), Actor.CLI).version()).isEqualTo(2);
    // The transaction is rolled back: neither a policy nor an audit entry is left.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.issuePolicy(v -> {
      throw new IllegalStateException("signing failed");
    }, Actor.CLI)).hasMessage("signing failed");
    assertThat(storage.currentPolicy()).hasValueSatisfying(p -> assertThat(p.signed()).isEqualTo("signed-2"));
    assertThat(storage.auditLog(Long.MAX_VALUE, 10)).extracting(AuditEntry::target).containsExactly("v2", "v1");
  }
}
