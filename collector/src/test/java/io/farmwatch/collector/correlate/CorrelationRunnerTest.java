package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.Gazetteer;
import io.farmwatch.collector.roundtrip.RoundTripJudge;
import io.farmwatch.collector.roundtrip.RoundTripLedger;
import io.farmwatch.collector.roundtrip.RoundTripModel;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertAction;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.EnrollmentToken;
import io.farmwatch.collector.store.IncomingReport;
import io.farmwatch.collector.store.NewDevice;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.CollectorRtt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as the collector runs it: reports accepted into a real SQLite file, correlated from
 * there, alerts stored there; "restarts" are new runners on the same database.
 */
class CorrelationRunnerTest {

  @TempDir Path dir;

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private final Map<String, Long> sequences = new HashMap<>();

  @Test
  void correlatesEveryAcceptedReportFromTheDatabase() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      for (int i = 0; i < 50; i++) {
        report(storage, Obs.device("farm-" + i).gw("aa:aa:aa:aa:aa:01"));
      }
      try (CorrelationRunner runner = runner(storage)) {
        awaitFarm(storage, 50);
        report(storage, Obs.device("farm-50").gw("aa:aa:aa:aa:aa:01"));
        awaitFarm(storage, 51);
        assertThat(farms(storage)).hasSize(1);
        assertThat(runner.correlating()).isTrue();
      }
    }
  }

  @Test
  void aRestartKeepsTheFarmsIdAndItsClosingAsFalsePositive() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      for (int i = 0; i < 4; i++) {
        report(storage, Obs.device("flat-" + i).gw("bb:bb:bb:bb:bb:01"));
      }
      String id;
      try (CorrelationRunner runner = runner(storage)) {
        id = awaitFarm(storage, 4).alertId();
      }
      storage.triageAlert(id, "CLOSED_FALSE_POSITIVE", "flatmates", Actor.CLI, NOW);
      try (CorrelationRunner restarted = runner(storage)) {
        for (int i = 0; i < 4; i++) {
          report(storage, Obs.device("flat-" + i).gw("bb:bb:bb:bb:bb:01").at(NOW.plusSeconds(300)));
        }
        awaitCursor(restarted, storage);
      }
      assertThat(farms(storage)).singleElement().satisfies(f -> {
        assertThat(f.alertId()).isEqualTo(id);
        assertThat(f.status()).isEqualTo("CLOSED_FALSE_POSITIVE");
      });
    }
  }

  @Test
  void aMachineJoiningAfterARestartJoinsTheSameAlert() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      for (int i = 0; i < 3; i++) {
        report(storage, Obs.device("f-" + i).gw("cc:cc:cc:cc:cc:01"));
      }
      String id;
      try (CorrelationRunner runner = runner(storage)) {
        id = awaitFarm(storage, 3).alertId();
      }
      try (CorrelationRunner restarted = runner(storage)) {
        report(storage, Obs.device("f-3").gw("cc:cc:cc:cc:cc:01"));
        assertThat(awaitFarm(storage, 4).alertId()).isEqualTo(id);
      }
      assertThat(farms(storage)).hasSize(1);
    }
  }

  @Test
  void twoFarmsThatJoinKeepTheOlderIdAndRecordTheMerge() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      report(storage, Obs.device("a-0").gw("dd:dd:dd:dd:dd:01"));
      report(storage, Obs.device("a-1").gw("dd:dd:dd:dd:dd:01"));
      try (CorrelationRunner runner = runner(storage)) {
        String older = awaitFarm(storage, 2).alertId();
        report(storage, Obs.device("b-0").gw("dd:dd:dd:dd:dd:02"));
        report(storage, Obs.device("b-1").gw("dd:dd:dd:dd:dd:02"));
        awaitCursor(runner, storage);
        assertThat(farms(storage)).hasSize(2);
        // b-1 moves behind both routers: one cluster now.
        report(storage, Obs.device("b-1").gw2("dd:dd:dd:dd:dd:01", "dd:dd:dd:dd:dd:02"));
        AlertRecord joined = awaitFarm(storage, 4);
        assertThat(joined.alertId()).isEqualTo(older);
        assertThat(farms(storage)).filteredOn(f -> !f.alertId().equals(older)).singleElement()
            .satisfies(f -> assertThat(f.status()).isEqualTo("MERGED"))
            .satisfies(f -> assertThat(storage.alertHistory(f.alertId()).get(0).change()).satisfies(c -> {
              assertThat(c.action()).isEqualTo(AlertAction.MERGED);
              assertThat(c.by().name()).isEqualTo("correlation");
              assertThat(c.comment()).isEqualTo("its machines joined the older alert " + older);
            }));
      }
    }
  }

  @Test
  void aSilentAgentThatReportsAgainResolvesItsAlert() throws Exception {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      report(storage, Obs.device("quiet").at(NOW.minus(Duration.ofDays(3))));
      String id = AlertIds.of(AlertKind.AGENT_SILENT, "quiet");
      try (CorrelationRunner runner = runner(storage)) {
        await(() -> storage.alert(id).isPresent());
        assertThat(storage.alert(id).orElseThrow().status()).isEqualTo("OPEN");
        report(storage, Obs.device("quiet").at(NOW));
        await(() -> storage.alert(id).map(a -> a.status().equals("RESOLVED")).orElse(false));
        assertThat(storage.alertHistory(id).get(0).change()).satisfies(c -> {
          assertThat(c.action()).isEqualTo(AlertAction.RESOLVED);
          assertThat(c.by().name()).isEqualTo("correlation");
          assertThat(c.fromStatus()).isEqualTo("OPEN");
        });
      }
    }
  }

  @Test
  void aRestartedCorrelatorJudgesRoundTripsOverTheDaysEarlierTermsKept() throws Exception {
    Gazetteer gazetteer = Gazetteer.builtIn();
    CollectorSite ashburn = CollectorSite.parse("Ashburn, VA, US", gazetteer);
    // Each "process" builds its own: nothing but the database carries the days across.
    Supplier<EgressAlerts> egress = () -> new EgressAlerts(null, new RoundTripLedger(),
        new RoundTripJudge(RoundTripModel.DEFAULT, gazetteer, 2), gazetteer, ashburn);
    String id = AlertIds.of(AlertKind.ROUND_TRIP, "far");
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      storage.replaceRoster(List.of(new RosterEntry("far", "Alex", "US", "TX", null, "Austin")), NOW);
      report(storage, Obs.device("far").at(NOW.minus(Duration.ofDays(1)))
          .rtt(new CollectorRtt(212_000, 230_000, 5), ashburn));
      try (CorrelationRunner runner = runner(storage, egress.get())) {
        awaitCursor(runner, storage);
      }
      // Only the database remembers yesterday now: the restarted correlator's ledger starts from it.
      try (CorrelationRunner restarted = runner(storage, egress.get())) {
        awaitCursor(restarted, storage);
        assertThat(storage.alert(id)).as("one day is not enough").isEmpty();
        report(storage, Obs.device("far").at(NOW).rtt(new CollectorRtt(230_000, 250_000, 5), ashburn));
        await(() -> storage.alert(id).isPresent());
      }
      assertThat(storage.alert(id).orElseThrow().summary())
          .contains("a minimum of 212 ms over 2 days to the Ashburn, Virginia, US collector");
    }
  }

  private CorrelationRunner runner(Storage storage) {
    return runner(storage, EgressAlerts.OFF);
  }

  private CorrelationRunner runner(Storage storage, EgressAlerts egress) {
    StorageAlertStore alerts = new StorageAlertStore(storage, CLOCK);
    return new CorrelationRunner(() -> {
      CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, alerts, CLOCK);
      engine.useEgress(egress.forTerm(storage, CLOCK.instant()));
      return engine;
    }, alerts, storage, Duration.ofHours(1), CLOCK).start();
  }

  /** Accepts a report whose stored observation is {@code o}, enrolling its device first if new. */
  private void report(Storage storage, Obs o) throws Exception {
    DeviceObservation obs = o.build();
    if (!sequences.containsKey(obs.deviceId())) {
      String hash = String.format("%016x", sequences.size() + 1L);
      storage.createToken(new EnrollmentToken(hash.substring(4), hash, NOW, null, 1, null), Actor.CLI);
      storage.enroll(hash, new NewDevice(obs.deviceId(), "PEM-" + obs.deviceId(), "key-" + obs.deviceId(),
          obs.fingerprint(), obs.deviceId(), "1.0", NOW), NOW);
    }
    long seq = sequences.merge(obs.deviceId(), 1L, Long::sum);
    storage.accept(new IncomingReport(obs.deviceId(), seq, obs.seenAt(), obs.seenAt(), obs.egress(), new byte[] {1},
        obs.deviceId(), "1.0", "{}", ProtocolJson.mapper().writeValueAsString(obs), obs.fingerprint(), List.of()));
  }

  private static List<AlertRecord> farms(Storage storage) {
    return storage.alertsAfter(null, 1000).stream().filter(a -> a.kind().equals("LAPTOP_FARM")).toList();
  }

  private static AlertRecord awaitFarm(Storage storage, int machines) throws Exception {
    Supplier<List<AlertRecord>> open = () -> farms(storage).stream()
        .filter(a -> a.deviceIdsJson().split(",").length == machines && !a.status().equals("MERGED")).toList();
    await(() -> !open.get().isEmpty());
    return open.get().get(0);
  }

  private static void awaitCursor(CorrelationRunner runner, Storage storage) throws Exception {
    long fence = storage.observationFence();
    await(() -> runner.correlating() && runner.cursor() >= fence);
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.get()).as("condition within 20 s").isTrue();
  }
}
