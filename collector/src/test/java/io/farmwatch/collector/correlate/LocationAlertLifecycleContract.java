package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.egress.CompanyExits;
import io.farmwatch.collector.egress.EgressClassifier;
import io.farmwatch.collector.egress.EgressSignals;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.Gazetteer;
import io.farmwatch.collector.roundtrip.RoundTripJudge;
import io.farmwatch.collector.roundtrip.RoundTripLedger;
import io.farmwatch.collector.roundtrip.RoundTripModel;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertAction;
import io.farmwatch.collector.store.AlertChange;
import io.farmwatch.collector.store.AlertHistoryEntry;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.report.CollectorRtt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EGRESS and ROUND_TRIP alerts resolve once their evidence has stayed out of a device's reports for a
 * day and reopen when it returns, with the status kept in the collector's database and each change in
 * the alert's history; each backend's test extends this.
 */
public abstract class LocationAlertLifecycleContract {

  static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");
  static final String VPN_EXIT = "104.131.0.1";
  static final String HOME = "73.0.0.1";
  static final CollectorRtt FAR = new CollectorRtt(212_000, 230_000, 5);
  static final CollectorRtt NEAR = new CollectorRtt(41_000, 48_000, 5);
  static EgressClassifier classifier;
  static Gazetteer gazetteer;
  static CollectorSite ashburn;

  protected Storage storage;
  private StorageAlertStore store;
  private EgressAlerts egress;

  protected abstract Storage openFresh() throws Exception;

  @BeforeAll
  static void load() {
    classifier = EgressClassifier.builtIn();
    gazetteer = Gazetteer.builtIn();
    ashburn = CollectorSite.parse("Ashburn, VA, US", gazetteer);
  }

  @BeforeEach
  void open() throws Exception {
    storage = openFresh();
    store = new StorageAlertStore(storage, Clock.fixed(T0, ZoneOffset.UTC));
    egress = new EgressAlerts(new EgressSignals(classifier, CompanyExits.parse(List.of()), 3), new RoundTripLedger(),
        new RoundTripJudge(RoundTripModel.DEFAULT, gazetteer, 2), gazetteer, ashburn);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  /** A correlator as a new term starts one: the alerts and statuses the database holds, then the roster. */
  private CorrelationEngine correlator() {
    CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, store, Clock.fixed(T0, ZoneOffset.UTC));
    store.forEach(engine::restore);
    engine.setRoster(List.of(new RosterEntry("farm", "Alex", "US", "TX", null, "Austin")));
    engine.useEgress(egress);
    return engine;
  }

  private static DeviceObservation report(Duration after, String exit, CollectorRtt rtt) {
    return Obs.device("farm").at(T0.plus(after)).egress(exit).rtt(rtt, ashburn).build();
  }

  private String status(AlertKind kind) {
    return storage.alert(AlertIds.of(kind, "farm")).orElseThrow().status();
  }

  private List<AlertChange> history(AlertKind kind) {
    return storage.alertHistory(AlertIds.of(kind, "farm")).stream().map(AlertHistoryEntry::change).toList();
  }

  @Test
  void aDayOfReportsWithoutTheEvidenceResolvesBothAndItsReturnReopensAfterARestart() {
    CorrelationEngine engine = correlator();
    for (int day = 0; day < 3; day++) {
      engine.observe(report(Duration.ofDays(day), VPN_EXIT, FAR));
    }
    assertThat(status(AlertKind.EGRESS)).isEqualTo("OPEN");
    assertThat(status(AlertKind.ROUND_TRIP)).isEqualTo("OPEN");
    storage.triageAlert(AlertIds.of(AlertKind.ROUND_TRIP, "farm"), "ACKNOWLEDGED", null, Actor.CLI, T0);

    // Home without the router's VPN, near enough for Austin: an hour, then 23 h 59 min of clean reports.
    engine.observe(report(Duration.ofDays(2).plusHours(1), HOME, NEAR));
    engine.observe(report(Duration.ofDays(3).minusMinutes(1), HOME, NEAR));
    assertThat(status(AlertKind.EGRESS)).as("less than a day without the evidence").isEqualTo("OPEN");
    assertThat(status(AlertKind.ROUND_TRIP)).isEqualTo("ACKNOWLEDGED");

    engine.observe(report(Duration.ofDays(3), HOME, NEAR));
    assertThat(status(AlertKind.EGRESS)).isEqualTo("RESOLVED");
    assertThat(status(AlertKind.ROUND_TRIP)).isEqualTo("RESOLVED");
    assertThat(history(AlertKind.EGRESS).get(0)).satisfies(c -> {
      assertThat(c.by().name()).isEqualTo("correlation");
      assertThat(c.action()).isEqualTo(AlertAction.RESOLVED);
      assertThat(c.fromStatus()).isEqualTo("OPEN");
      assertThat(c.toStatus()).isEqualTo("RESOLVED");
      assertThat(c.comment()).isEqualTo("no ROUTER_VPN in the device's reports since " + T0.plus(Duration.ofDays(2))
          + " (24 h without it; report of " + T0.plus(Duration.ofDays(3)) + ")");
    });
    assertThat(history(AlertKind.ROUND_TRIP).get(0)).satisfies(c -> {
      assertThat(c.fromStatus()).isEqualTo("ACKNOWLEDGED");
      assertThat(c.toStatus()).isEqualTo("RESOLVED");
      assertThat(c.comment()).startsWith("no ROUND_TRIP_TOO_FAR in the device's reports since");
    });
    engine.fullPass();
    assertThat(history(AlertKind.EGRESS)).as("resolved once").hasSize(1);

    // A restarted correlator knows the alert is resolved; the router's VPN comes back.
    CorrelationEngine restarted = correlator();
    restarted.observe(report(Duration.ofDays(4), VPN_EXIT, NEAR));
    assertThat(status(AlertKind.EGRESS)).isEqualTo("OPEN");
    assertThat(history(AlertKind.EGRESS).get(0)).satisfies(c -> {
      assertThat(c.action()).isEqualTo(AlertAction.REOPENED);
      assertThat(c.fromStatus()).isEqualTo("RESOLVED");
      assertThat(c.toStatus()).isEqualTo("OPEN");
      assertThat(c.comment()).isEqualTo("ROUTER_VPN again in the report of " + T0.plus(Duration.ofDays(4)));
    });
    assertThat(status(AlertKind.ROUND_TRIP)).as("the near days keep the minimum plausible").isEqualTo("RESOLVED");
  }

  @Test
  void anAnalystsClosingStaysAndACorrelatorWithoutTheDatabasesResolvesNothing() {
    CorrelationEngine engine = correlator();
    engine.observe(report(Duration.ZERO, VPN_EXIT, FAR));
    storage.triageAlert(AlertIds.of(AlertKind.EGRESS, "farm"), "CLOSED_FALSE_POSITIVE", "company VPN", Actor.CLI, T0);

    engine.observe(report(Duration.ofDays(2), HOME, FAR));
    assertThat(status(AlertKind.EGRESS)).isEqualTo("CLOSED_FALSE_POSITIVE");
    engine.observe(report(Duration.ofDays(3), VPN_EXIT, FAR));
    assertThat(status(AlertKind.EGRESS)).isEqualTo("CLOSED_FALSE_POSITIVE");

    // Started without egress intelligence or round trips, a correlator cannot tell the evidence is gone.
    storage.triageAlert(AlertIds.of(AlertKind.EGRESS, "farm"), "OPEN", null, Actor.CLI, T0);
    egress = EgressAlerts.OFF;
    correlator().observe(report(Duration.ofDays(5), HOME, NEAR));
    assertThat(status(AlertKind.EGRESS)).isEqualTo("OPEN");
  }
}
