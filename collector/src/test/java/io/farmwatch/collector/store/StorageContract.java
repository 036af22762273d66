package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.protocol.report.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
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
        ("{\"seq\":" + sequence + "}").getBytes(StandardCharsets.UTF_8), "host", "1.0", "{}", "{}", null, List.of());
  }

  @Test
  void theRosterKeepsTheClaimedCityForRoundTripPhysics() {
    storage.replaceRoster(List.of(new RosterEntry("d1", "Alex", "US", "TX",
        "America/Chicago", "Austin"), new RosterEntry("d2", "Jo", "DE", null, null)), T0);
    assertThat(storage.roster()).extracting(RosterEntry::claimedCity)
        .containsExactly("Austin", null);
  }

  private ConsoleSession consoleSession(String name, Instant created, Instant used) {
    return new ConsoleSession("cookie-" + name, "key-" + name, "csrf-" + name, created, used);
  }

  private void signIn(ConsoleSession s, int max) {
    storage.createConsoleSession(s, T0.minus(Duration.ofHours(12)), T0.minus(Duration.ofMinutes(30)), max);
  }

  @Test
  void consoleSessionsAreStoredTouchedDeletedAndExpiredOnesMakeRoom() {
    signIn(consoleSession("a", T0, T0), 10);
    assertThat(storage.consoleSession("cookie-a")).contains(consoleSession("a", T0, T0));
    storage.touchConsoleSession("cookie-a", T0.plusSeconds(90));
    assertThat(storage.consoleSession("cookie-a")).hasValueSatisfying(s ->
        assertThat(s.lastUsed()).isEqualTo(T0.plusSeconds(90)));
    storage.deleteConsoleSession("cookie-a");
    assertThat(storage.consoleSession("cookie-a")).isEmpty();
    storage.touchConsoleSession("cookie-a", T0);
    assertThat(storage.consoleSession("cookie-a")).as("touching a gone session brings nothing back").isEmpty();

    signIn(consoleSession("old", T0.minus(Duration.ofHours(13)), T0), 10);
    signIn(consoleSession("idle", T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofMinutes(31))), 10);
    signIn(consoleSession("fresh", T0, T0), 10);
    assertThat(storage.consoleSession("cookie-old")).as("past its lifetime").isEmpty();
    assertThat(storage.consoleSession("cookie-idle")).as("idle too long").isEmpty();
    assertThat(storage.consoleSession("cookie-fresh")).isPresent();
  }

  @Test
  void consoleSessionsAreBoundedByDroppingTheLeastRecentlyUsed() {
    for (int i = 0; i < 3; i++) {
      signIn(consoleSession("s" + i, T0, T0.plusSeconds(i)), 3);
    }
    storage.touchConsoleSession("cookie-s0", T0.plusSeconds(10));
    signIn(consoleSession("s3", T0, T0.plusSeconds(11)), 3);
    assertThat(storage.consoleSession("cookie-s1")).as("least recently used").isEmpty();
    for (String kept : List.of("s0", "s2", "s3")) {
      assertThat(storage.consoleSession("cookie-" + kept)).as(kept).isPresent();
    }
    signIn(consoleSession("s4", T0, T0.plusSeconds(12)), 2);
    assertThat(List.of("s0", "s2", "s3", "s4")).filteredOn(n -> storage.consoleSession("cookie-" + n).isPresent())
        .as("a lowered bound drops down to it").containsExactly("s3", "s4");
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
        r.egress(), payload, r.hostname(), r.agentVersion(), r.summaryJson(), r.observationJson(), r.fingerprint(), List.of())))
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
        "OPEN", T0);
    storage.saveAlert(alert);
    assertThat(storage.triageAlert("a1", "ACKNOWLEDGED", null, new Actor("kid8", "alice"), T0.plusSeconds(4)))
        .contains(new AlertRecord("a1", "LAPTOP_FARM", "HIGH", 0.8, "[\"d1\"]", "[]", "s", T0, T0,
            "ACKNOWLEDGED", T0.plusSeconds(4)));

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
        "two laptops share one router", T0, T0, "OPEN", T0);
    AlertRecord newer = new AlertRecord("a2", "REMOTE_CONTROL", "MEDIUM", 0.5, "[\"d3\"]", "[]",
        "AnyDesk", T0, T0.plusSeconds(60), "OPEN", T0);
    storage.saveAlert(older);
    storage.saveAlert(newer);
    storage.saveAlert(new AlertRecord("a1", "LAPTOP_FARM", "CRITICAL", 0.95, "[\"d1\",\"d2\",\"d4\"]",
        "[]", "three laptops", T0, T0.plusSeconds(120), "OPEN", T0));
    assertThat(storage.alerts(AlertQuery.newest(10))).extracting(AlertRecord::alertId).containsExactly("a1", "a2");
    assertThat(storage.alert("a1").orElseThrow().severity()).isEqualTo("CRITICAL");
    AlertRecord first = storage.alerts(AlertQuery.newest(1)).get(0);
    assertThat(storage.alerts(AlertQuery.newest(1).page(AlertCursor.after(AlertSort.NEWEST, first), 1)))
        .extracting(AlertRecord::alertId).containsExactly("a2");
  }

  // --- Alerts: history, devices, queries, cursors and counts -----------------------------------

  private static AlertRecord alertAt(String id, String kind, String severity, String status, Instant lastSeen,
      String... deviceIds) {
    String devices = "[" + String.join(",", Arrays.stream(deviceIds).map(d -> "\"" + d + "\"").toList()) + "]";
    return new AlertRecord(id, kind, severity, 0.5, devices, "[]", "s " + id, T0, lastSeen, status, lastSeen);
  }

  @Test
  void everyTriageChangeIsHistoryWithItsActorAndTheCollectorAppendsItsOwn() {
    storage.saveAlert(alertAt("a1", "AGENT_SILENT", "MEDIUM", "OPEN", T0, "d1"));
    Actor alice = new Actor("kid8", "alice");
    storage.triageAlert("a1", "ACKNOWLEDGED", "looking", alice, T0.plusSeconds(1));
    storage.triageAlert("a1", null, "called the owner", alice, T0.plusSeconds(2));
    // The status it already has, and no comment: nothing happened, so nothing is recorded.
    assertThat(storage.triageAlert("a1", "ACKNOWLEDGED", null, alice, T0.plusSeconds(3))).hasValueSatisfying(
        a -> assertThat(a.updatedAt()).isEqualTo(T0.plusSeconds(2)));
    Actor collector = new Actor("collector", "correlation");
    AlertRecord resolved = new AlertRecord("a1", "AGENT_SILENT", "MEDIUM", 0.5, "[\"d1\"]", "[]", "s a1", T0,
        T0.plusSeconds(4), "RESOLVED", T0.plusSeconds(4));
    storage.saveAlert(resolved, List.of(new AlertChange("a1", T0.plusSeconds(4), collector, AlertAction.RESOLVED,
        "ACKNOWLEDGED", "RESOLVED", "the agent reported again")));
    storage.appendAlertHistory(new AlertChange("a1", T0.plusSeconds(5), collector, AlertAction.MERGED, "RESOLVED",
        "MERGED", "merged into a0"));

    assertThat(storage.alert("a1")).contains(resolved);
    assertThat(storage.alertHistory("a1")).extracting(AlertHistoryEntry::change).containsExactly(
        new AlertChange("a1", T0.plusSeconds(5), collector, AlertAction.MERGED, "RESOLVED", "MERGED", "merged into a0"),
        new AlertChange("a1", T0.plusSeconds(4), collector, AlertAction.RESOLVED, "ACKNOWLEDGED", "RESOLVED",
            "the agent reported again"),
        new AlertChange("a1", T0.plusSeconds(2), alice, AlertAction.COMMENTED, "ACKNOWLEDGED", "ACKNOWLEDGED",
            "called the owner"),
        new AlertChange("a1", T0.plusSeconds(1), alice, AlertAction.TRIAGED, "OPEN", "ACKNOWLEDGED", "looking"));
    assertThat(storage.auditLog(Long.MAX_VALUE, 10)).extracting(AuditEntry::detail)
        .containsExactly("comment", "status=ACKNOWLEDGED and comment");
    assertThat(storage.triageAlert("nobody", "OPEN", null, alice, T0)).isEmpty();
    assertThat(storage.alertHistory("nobody")).isEmpty();
  }

  @Test
  void anAlertsHistoryIsReadNewestFirstUpToItsLimit() {
    storage.saveAlert(alertAt("a1", "LAPTOP_FARM", "HIGH", "OPEN", T0, "d1"));
    for (int i = 0; i < Storage.HISTORY_LIMIT + 5; i++) {
      storage.appendAlertHistory(new AlertChange("a1", T0.plusSeconds(i), Actor.CLI, AlertAction.COMMENTED, null,
          null, "c" + i));
    }
    List<AlertHistoryEntry> history = storage.alertHistory("a1");
    assertThat(history).hasSize(Storage.HISTORY_LIMIT);
    assertThat(history.get(0).change().comment()).isEqualTo("c" + (Storage.HISTORY_LIMIT + 4));
    assertThat(history.get(Storage.HISTORY_LIMIT - 1).change().comment()).isEqualTo("c5");
  }

  @Test
  void aPageOfAlertsHasItsHistoriesReadAtOnceEachUpToItsLimit() {
    for (String id : List.of("a1", "a2", "a3")) {
      storage.saveAlert(alertAt(id, "LAPTOP_FARM", "HIGH", "OPEN", T0, "d1"));
    }
    for (int i = 0; i < Storage.HISTORY_LIMIT + 2; i++) {
      storage.appendAlertHistory(new AlertChange("a1", T0.plusSeconds(i), Actor.CLI, AlertAction.COMMENTED, null,
          null, "a1-" + i));
    }
    storage.appendAlertHistory(new AlertChange("a3", T0, Actor.CLI, AlertAction.COMMENTED, null, null, "a3-0"));
    storage.appendAlertHistory(new AlertChange("a3", T0, Actor.CLI, AlertAction.COMMENTED, null, null, "a3-1"));

    Map<String, List<AlertHistoryEntry>> histories = storage.alertHistories(List.of("a1", "a2", "a3", "nobody"));
    assertThat(histories).containsOnlyKeys("a1", "a3");
    assertThat(histories.get("a1")).hasSize(Storage.HISTORY_LIMIT)
        .isEqualTo(storage.alertHistory("a1"));
    assertThat(histories.get("a1").get(0).change().comment()).isEqualTo("a1-" + (Storage.HISTORY_LIMIT + 1));
    assertThat(histories.get("a3")).extracting(h -> h.change().comment()).containsExactly("a3-1", "a3-0");
    assertThat(storage.alertHistories(List.of())).isEmpty();
  }

  @Test
  void theDevicesAnAlertNamesFollowEverySaveAndABrokenListIsRefusedWhole() {
    storage.saveAlert(alertAt("a1", "LAPTOP_FARM", "HIGH", "OPEN", T0, "d1", "d2"));
    storage.saveAlert(alertAt("a2", "REMOTE_CONTROL", "HIGH", "OPEN", T0, "d2"));
    assertThat(ids(byDevice("d2"))).containsExactly("a2", "a1");
    storage.saveAlert(alertAt("a1", "LAPTOP_FARM", "HIGH", "OPEN", T0.plusSeconds(1), "d1", "d3", "d3"));
    assertThat(ids(byDevice("d2"))).containsExactly("a2");
    assertThat(ids(byDevice("d3"))).containsExactly("a1");
    AlertRecord broken = new AlertRecord("a3", "LAPTOP_FARM", "HIGH", 0.5, "{\"d1\"}", "[]", "s", T0, T0, "OPEN", T0);
    assertThatThrownBy(() -> storage.saveAlert(broken)).isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.alert("a3")).isEmpty();
  }

  private List<AlertRecord> byDevice(String deviceId) {
    return storage.alerts(new AlertQuery(null, null, null, deviceId, null, null, null, AlertSort.NEWEST, null, 10));
  }

  private static List<String> ids(List<AlertRecord> alerts) {
    return alerts.stream().map(AlertRecord::alertId).toList();
  }

  /** Every page of the query, in order, each continuing from the last alert of the one before. */
  private List<AlertRecord> allPages(AlertQuery q) {
    List<AlertRecord> out = new ArrayList<>();
    AlertCursors cursors = storage.alertCursors();
    AlertQuery page = q;
    while (true) {
      List<AlertRecord> got = storage.alerts(page);
      out.addAll(got);
      if (got.size() < q.limit()) {
        return out;
      }
      // Through the string form, as a client holds it.
      String next = cursors.encode(AlertCursor.after(q.sort(), got.get(got.size() - 1)));
      page = q.page(cursors.decode(next, q.sort()), q.limit());
    }
  }

  private static final List<String> KINDS = List.of("LAPTOP_FARM", "REMOTE_CONTROL", "AGENT_SILENT");
  private static final List<String> SEVERITIES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");
  private static final List<String> STATUSES = List.of("OPEN", "ACKNOWLEDGED", "CLOSED_FALSE_POSITIVE", "RESOLVED");

  private List<AlertRecord> seed(Random random, int n) {
    List<AlertRecord> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Few distinct times, so ties on last_seen are common and the alert ID must break them.
      AlertRecord a = alertAt(String.format("a%05d", i), KINDS.get(random.nextInt(KINDS.size())),
          SEVERITIES.get(random.nextInt(SEVERITIES.size())), STATUSES.get(random.nextInt(STATUSES.size())),
          T0.plusSeconds(random.nextInt(20)), "d" + random.nextInt(10), "d" + random.nextInt(10));
      storage.saveAlert(a);
      all.add(a);
    }
    return all;
  }

  private static Comparator<AlertRecord> order(AlertSort sort) {
    Comparator<AlertRecord> newest = Comparator.comparing(AlertRecord::lastSeen).thenComparing(AlertRecord::alertId);
    return (sort == AlertSort.SEVERITY ? Comparator.comparingInt(AlertRecord::severityRank).thenComparing(newest)
        : newest).reversed();
  }

  @Test
  void filtersSortsAndCountsAgreeWithTheAlertsThemselves() {
    Random random = new Random(17);
    List<AlertRecord> all = seed(random, 240);
    for (int trial = 0; trial < 12; trial++) {
      Set<String> statuses = random.nextBoolean() ? Set.of() : new HashSet<>(List.of(STATUSES.get(random.nextInt(4)), "OPEN"));
      Set<String> kinds = random.nextBoolean() ? Set.of() : Set.of(KINDS.get(random.nextInt(3)));
      Set<Severity> severities = random.nextBoolean() ? Set.of()
          : EnumSet.range(Severity.values()[random.nextInt(5)], Severity.CRITICAL);
      String device = random.nextInt(3) == 0 ? "d" + random.nextInt(10) : null;
      Instant from = random.nextBoolean() ? T0.plusSeconds(random.nextInt(10)) : null;
      Instant to = random.nextBoolean() ? T0.plusSeconds(10 + random.nextInt(10)) : null;
      AlertSort sort = AlertSort.values()[trial % 2];
      AlertQuery q = new AlertQuery(statuses, kinds, severities, device, null, from, to, sort, null,
          1 + random.nextInt(40));
      List<AlertRecord> expected = all.stream()
          .filter(a -> statuses.isEmpty() || statuses.contains(a.status()))
          .filter(a -> kinds.isEmpty() || kinds.contains(a.kind()))
          .filter(a -> severities.isEmpty() || severities.contains(Severity.valueOf(a.severity())))
          .filter(a -> device == null || a.deviceIdsJson().contains("\"" + device + "\""))
          .filter(a -> from == null || !a.lastSeen().isBefore(from))
          .filter(a -> to == null || a.lastSeen().isBefore(to))
          .sorted(order(sort)).toList();
      assertThat(ids(allPages(q))).as("%s", q).containsExactlyElementsOf(ids(expected));
      AlertCounts counts = storage.alertCounts(q);
      assertThat(counts.total()).isEqualTo(expected.size());
      assertThat(counts.byKind()).isEqualTo(countBy(expected, AlertRecord::kind));
      assertThat(counts.bySeverity()).isEqualTo(countBy(expected, AlertRecord::severity));
      assertThat(counts.byStatus()).isEqualTo(countBy(expected, AlertRecord::status));
    }
    Instant later = T0.plusSeconds(3600);
    storage.triageAlert("a00007", "CLOSED_TRUE_POSITIVE", null, Actor.CLI, later);
    assertThat(ids(storage.alerts(new AlertQuery(null, null, null, null, later, null, null, AlertSort.NEWEST, null,
        10)))).containsExactly("a00007");
  }

  private static Map<String, Long> countBy(List<AlertRecord> alerts, java.util.function.Function<AlertRecord, String> key) {
    return alerts.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }

  @Test
  void pagingWithTheCursorYieldsEveryMatchingAlertOnceInOrderWhileAlertsAreAddedAndChanged() throws Exception {
    Random random = new Random(42);
    List<AlertRecord> seeded = seed(random, 300);
    for (AlertSort sort : AlertSort.values()) {
      Set<String> touched = ConcurrentHashMap.newKeySet();
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService writer = Executors.newSingleThreadExecutor();
      Future<?> writes = writer.submit(() -> {
        Random w = new Random(sort.ordinal());
        for (int i = 0; i < 400 && !done.get(); i++) {
          // New alerts anywhere in the order, triage that moves no sort key, and (newest first)
          // alerts seen again, which move up past where the reader is.
          storage.saveAlert(alertAt(String.format("n%d%05d", sort.ordinal(), i), "LAPTOP_FARM", "HIGH", "OPEN",
              T0.plusSeconds(w.nextInt(40)), "d1"));
          AlertRecord a = seeded.get(w.nextInt(seeded.size()));
          storage.triageAlert(a.alertId(), STATUSES.get(w.nextInt(STATUSES.size())), "c", Actor.CLI, T0);
          if (sort == AlertSort.NEWEST && w.nextInt(4) == 0) {
            AlertRecord b = seeded.get(w.nextInt(seeded.size()));
            touched.add(b.alertId());
            AlertRecord now = storage.alert(b.alertId()).orElseThrow();
            storage.saveAlert(new AlertRecord(now.alertId(), now.kind(), now.severity(), now.score(),
                now.deviceIdsJson(), now.evidenceJson(), now.summary(), now.firstSeen(),
                now.lastSeen().plusSeconds(100), now.status(), T0));
          }
        }
        return null;
      });
      List<AlertRecord> read;
      try {
        read = new ArrayList<>();
        AlertQuery q = new AlertQuery(null, Set.of("LAPTOP_FARM", "AGENT_SILENT"), null, null, null, null, null,
            sort, null, 7);
        AlertQuery page = q;
        while (true) {
          List<AlertRecord> got = storage.alerts(page);
          read.addAll(got);
          if (got.size() < q.limit()) {
            break;
          }
          page = q.page(AlertCursor.after(sort, got.get(got.size() - 1)), q.limit());
          Thread.sleep(1);
        }
      } finally {
        done.set(true);
        writes.get();
        writer.shutdown();
      }
      assertThat(ids(read)).as("no alert twice").doesNotHaveDuplicates();
      assertThat(read).as("in order").isSortedAccordingTo(order(sort));
      List<String> mustAppear = seeded.stream()
          .filter(a -> !a.kind().equals("REMOTE_CONTROL") && !touched.contains(a.alertId()))
          .map(AlertRecord::alertId).toList();
      assertThat(ids(read)).as("every alert whose place did not move").containsAll(mustAppear);
    }
  }

  @Test
  void aCursorThatIsGarbledForgedForeignOrForAnotherOrderIsRefused() throws Exception {
    storage.saveAlert(alertAt("a1", "LAPTOP_FARM", "HIGH", "OPEN", T0, "d1"));
    AlertCursors cursors = storage.alertCursors();
    String good = cursors.encode(AlertCursor.after(AlertSort.NEWEST, storage.alert("a1").orElseThrow()));
    assertThat(cursors.decode(good, AlertSort.NEWEST).alertId()).isEqualTo("a1");
    String fields = good.substring(0, good.indexOf('.'));
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "NEWEST|3|0|a1".getBytes(StandardCharsets.UTF_8)) + good.substring(good.indexOf('.'));
    for (String bad : List.of("", "garbage", "not base64!.x", fields, fields + ".", forged,
        good.substring(0, good.length() - 2), "x".repeat(AlertCursors.MAX_LENGTH + 1))) {
      assertThatThrownBy(() -> cursors.decode(bad, AlertSort.NEWEST)).as(bad)
          .isInstanceOfSatisfying(InvalidAlertQuery.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
    }
    assertThatThrownBy(() -> cursors.decode(good, AlertSort.SEVERITY)).isInstanceOf(InvalidAlertQuery.class)
        .hasMessageContaining("NEWEST");
    try (Storage other = openFresh()) {
      assertThatThrownBy(() -> other.alertCursors().decode(good, AlertSort.NEWEST))
          .as("each database signs with its own key").isInstanceOf(InvalidAlertQuery.class);
    }
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
