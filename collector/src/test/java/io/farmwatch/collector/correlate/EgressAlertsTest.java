package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.egress.CompanyExits;
import io.farmwatch.collector.egress.EgressClassifier;
import io.farmwatch.collector.egress.EgressSignals;
import io.farmwatch.collector.roster.RosterCsv;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.Gazetteer;
import io.farmwatch.collector.roundtrip.RoundTripJudge;
import io.farmwatch.collector.roundtrip.RoundTripLedger;
import io.farmwatch.collector.roundtrip.RoundTripModel;
import io.farmwatch.protocol.report.CollectorRtt;
import io.farmwatch.protocol.report.Severity;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine with egress intelligence and round-trip physics on: the alerts a farm and an honest home get. */
class EgressAlertsTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static EgressClassifier classifier;
  static Gazetteer gazetteer;

  final MemoryAlertStore store = new MemoryAlertStore();

  @BeforeAll
  static void load() {
    classifier = EgressClassifier.builtIn();
    gazetteer = Gazetteer.builtIn();
  }

  CorrelationEngine engine(EgressAlerts egress) throws Exception {
    CorrelationEngine e = new CorrelationEngine(CorrelationSettings.DEFAULT, store, Clock.fixed(NOW, ZoneOffset.UTC));
    e.setRoster(RosterCsv.parse(new StringReader("""
        device,employee,country,region,city
        farm,Alex,US,TX,Austin
        home,Jo,US,TX,Austin
        """)).entries());
    e.useEgress(egress);
    return e;
  }

  EgressAlerts egress(RoundTripLedger ledger) {
    return new EgressAlerts(new EgressSignals(classifier, CompanyExits.parse(List.of("198.18.0.0/15")), 3), ledger,
        new RoundTripJudge(RoundTripModel.DEFAULT, gazetteer, 2), gazetteer,
        CollectorSite.parse("Ashburn, VA, US", gazetteer));
  }

  static DeviceObservation seen(String id, String egress, Instant at) {
    return Obs.device(id).egress(egress).at(at).build();
  }

  @Test
  void aFarHomeBehindARouterVpnIsFlaggedByTheExitAndByPhysicsAndAnHonestHomeIsNot() throws Exception {
    EgressAlerts egress = egress(new RoundTripLedger());
    CorrelationEngine e = engine(egress);
    // Each day's report carries its round trips, received by this collector (its site stamped on it).
    for (int day = 0; day < 3; day++) {
      Instant at = NOW.minus(Duration.ofDays(2 - day)).minusSeconds(600);
      e.observe(Obs.device("farm").egress("104.131.0.1").at(at)
          .rtt(new CollectorRtt(212_000, 230_000, 5), egress.site()).build());
      e.observe(Obs.device("home").egress("73.0.0.1").at(at)
          .rtt(new CollectorRtt(41_000, 48_000, 5), egress.site()).build());
    }
    Instant first = alert(e, AlertKind.EGRESS, "farm").firstSeen();
    e.observe(seen("farm", "104.131.0.1", NOW));

    Alert exit = alert(e, AlertKind.EGRESS, "farm");
    assertThat(exit.severity()).isEqualTo(Severity.HIGH);
    assertThat(exit.firstSeen()).as("kept across reports").isEqualTo(first);
    assertThat(exit.evidence()).extracting(Evidence::signal).containsExactly(Signal.ROUTER_VPN);
    assertThat(exit.summary()).startsWith("farm (Alex, claims US/TX): reports arrive from 104.131.0.1, on AS14061");
    Alert rtt = alert(e, AlertKind.ROUND_TRIP, "farm");
    assertThat(rtt.evidence()).extracting(Evidence::signal).containsExactly(Signal.ROUND_TRIP_TOO_FAR);
    assertThat(rtt.summary()).contains("a minimum of 212 ms over 3 days to the Ashburn, Virginia, US collector;"
        + " Austin, Texas, US allows at most");
    assertThat(e.alerts()).filteredOn(a -> a.deviceIds().contains("home")).isEmpty();
  }

  @Test
  void theFullPassFindsMachinesLeavingThroughOneProviderAndSkipsTheCompanysExits() throws Exception {
    CorrelationEngine e = engine(egress(null));
    e.observe(seen("a", "104.131.0.1", NOW));
    e.observe(seen("b", "104.131.0.2", NOW.minusSeconds(3600)));
    e.observe(seen("c", "159.89.0.1", NOW.minusSeconds(7200)));
    e.observe(seen("x", "198.18.0.1", NOW));
    e.observe(seen("y", "198.18.0.1", NOW));
    e.fullPass();
    assertThat(e.alerts()).filteredOn(a -> a.kind() == AlertKind.SHARED_EXIT).singleElement().satisfies(a -> {
      assertThat(a.deviceIds()).containsExactly("a", "b", "c");
      assertThat(a.evidence()).extracting(Evidence::signal).containsExactly(Signal.SHARED_VPN_EXIT);
      assertThat(a.summary()).startsWith("3 fleet machines left through the provider AS14061");
    });
  }

  @Test
  void offRaisesNothing() throws Exception {
    CorrelationEngine e = engine(EgressAlerts.OFF);
    e.observe(Obs.device("farm").egress("104.131.0.1").at(NOW).rtt(new CollectorRtt(212_000, 230_000, 5),
        egress(new RoundTripLedger()).site()).build());
    e.fullPass();
    assertThat(e.alerts()).isEmpty();
  }

  static Alert alert(CorrelationEngine e, AlertKind kind, String device) {
    return e.alerts().stream().filter(a -> a.kind() == kind && a.deviceIds().contains(device)).findFirst().orElseThrow();
  }
}
