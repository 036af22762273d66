package io.farmwatch.collector.correlate;

import io.farmwatch.protocol.report.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.net.Cidr;
import io.farmwatch.collector.roster.RosterCsv;
import io.farmwatch.collector.roster.RosterEntry;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrelationEngineTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  final MemoryAlertStore store = new MemoryAlertStore();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  CorrelationEngine engine(CorrelationSettings settings) {
    return new CorrelationEngine(settings, store, clock);
  }

  List<Alert> farms(CorrelationEngine e) {
    return e.alerts().stream().filter(a -> a.kind() == AlertKind.LAPTOP_FARM).toList();
  }

  @Test
  void laptopsBehindOneRouterAreOneFarmAlertThatGrowsInsteadOfDuplicating() {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    e.observe(Obs.device("a").gw("aa:aa:aa:aa:aa:01").build());
    assertThat(farms(e)).isEmpty();
    e.observe(Obs.device("b").gw("aa:aa:aa:aa:aa:01").build());
    assertThat(farms(e)).singleElement().satisfies(a -> assertThat(a.deviceIds()).containsExactly("a", "b"));
    String id = farms(e).get(0).id();
    e.observe(Obs.device("c").gw("aa:aa:aa:aa:aa:01").build());
    assertThat(farms(e)).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(id);
      assertThat(a.deviceIds()).containsExactly("a", "b", "c");
      assertThat(a.summary()).contains("3 laptops").contains("gateway MAC aa:aa:aa:aa:aa:01");
    });
  }

  @Test
  void madeUpMacsCannotBloatAFarmAlert() throws Exception {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    Set<String> gateways = new java.util.LinkedHashSet<>();
    Set<String> bMacs = new java.util.LinkedHashSet<>();
    for (int i = 0; i < 20_000; i++) {
      gateways.add(String.format("02:00:00:%02x:%02x:%02x", i >> 16, (i >> 8) & 255, i & 255));
      bMacs.add(String.format("06:00:00:%02x:%02x:%02x", i >> 16, (i >> 8) & 255, i & 255));
    }
    Obs a = Obs.device("a");
    a.gw = gateways;
    a.nbr = bMacs;
    Obs b = Obs.device("b");
    b.gw = gateways;
    b.own = bMacs;
    DeviceObservation observedA = a.build();
    assertThat(observedA.gatewayMacs()).hasSize(DeviceObservation.MAX_VALUES);
    assertThat(observedA.neighborMacs()).hasSize(DeviceObservation.MAX_NEIGHBORS);
    e.observe(observedA);
    e.observe(b.build());

    Alert farm = farms(e).get(0);
    assertThat(farm.evidence()).filteredOn(ev -> ev.signal() == Signal.LAN_ADJACENCY)
        .hasSize(FarmAssessment.MAX_LISTED + 1)
        .last().satisfies(ev -> assertThat(ev.value()).matches("\\+\\d+ more"));
    assertThat(io.farmwatch.protocol.ProtocolJson.mapper().writeValueAsBytes(farm).length).isLessThan(16 * 1024);
  }

  @Test
  void sharedEgressAloneIsNotCoLocation() {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    for (int i = 0; i < 20; i++) {
      e.observe(Obs.device("cgnat" + i).gw("bb:bb:bb:bb:bb:" + String.format("%02x", i)).egress("100.64.0.1").build());
    }
    assertThat(farms(e)).isEmpty();
  }

  @Test
  void declaredOfficesByEgressOrGatewayMacRaiseNothing() {
    CorrelationEngine e = engine(new CorrelationSettings(List.of(Cidr.parse("198.51.100.0/28")),
        Set.of("cc:cc:cc:cc:cc:01"), Duration.ofHours(24), Duration.ofHours(24), Severity.INFO,
        CorrelationSettings.DEFAULT_HISTORY));
    for (int i = 0; i < 5; i++) {
      e.observe(Obs.device("hq" + i).gw("dd:dd:dd:dd:dd:01").egress("198.51.100.3").build());
      e.observe(Obs.device("branch" + i).gw("cc:cc:cc:cc:cc:01").egress("203.0.113.50").build());
    }
    assertThat(farms(e)).isEmpty();
  }

  @Test
  void neighbourTablesNamingAnotherDevicesNicAreLanAdjacency() {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    Obs a = Obs.device("a");
    a.own = Set.of("02:11:11:11:11:11");
    e.observe(a.build());
    Obs b = Obs.device("b");
    b.nbr = Set.of("02:11:11:11:11:11");
    e.observe(b.build());
    assertThat(farms(e)).singleElement().satisfies(f ->
        assertThat(f.evidence()).anySatisfy(ev -> assertThat(ev.signal()).isEqualTo(Signal.LAN_ADJACENCY)));
  }

  @Test
  void oneEmployeeWithTwoLaptopsIsInformationalAndRosterClaimsAreSpelledOut() throws Exception {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    e.setRoster(RosterCsv.parse(new StringReader("""
        device,employee,country,region,timezone
        a,Alice,US,Texas,America/Chicago
        b,Alice,US,Texas,America/Chicago
        x,Xavier,US,Oregon,America/Los_Angeles
        y,Yuri,US,Florida,America/New_York
        z,Zoe,US,Ohio,America/New_York
        """)).entries());
    e.observe(Obs.device("a").gw("01:00:00:00:00:0a").build());
    e.observe(Obs.device("b").gw("01:00:00:00:00:0a").build());
    e.observe(Obs.device("x").gw("01:00:00:00:00:0b").build());
    e.observe(Obs.device("y").gw("01:00:00:00:00:0b").build());
    e.observe(Obs.device("z").gw("01:00:00:00:00:0b").build());
    Alert alice = farms(e).stream().filter(a -> a.deviceIds().contains("a")).findFirst().orElseThrow();
    assertThat(alice.severity()).isEqualTo(Severity.INFO);
    assertThat(alice.summary()).contains("same employee");
    Alert three = farms(e).stream().filter(a -> a.deviceIds().contains("x")).findFirst().orElseThrow();
    assertThat(three.summary()).contains("3 different locations (Florida, Ohio, Oregon)").contains("Xavier");
  }

  @Test
  void aFarmReEvaluatedUnchangedIsNotRebuiltWhileARosterOrEvidenceChangeIs() throws Exception {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    e.observe(Obs.device("a").gw("f1:00:00:00:00:01").build());
    e.observe(Obs.device("b").gw("f1:00:00:00:00:01").build());
    Alert built = farms(e).get(0);
    int writes = store.writes;

    e.fullPass();
    e.observe(Obs.device("a").gw("f1:00:00:00:00:01").at(NOW.plusSeconds(300)).build());
    // The same text, not text formatted again to equal it.
    assertThat(farms(e).get(0).summary()).isSameAs(built.summary());
    assertThat(store.writes).isEqualTo(writes);

    e.setRoster(RosterCsv.parse(new StringReader("device,employee,country\na,Alice,US\nb,Bob,US\n")).entries());
    e.fullPass();
    assertThat(farms(e).get(0).summary()).contains("Alice").contains("Bob");
    assertThat(store.writes).isEqualTo(writes + 1);

    for (String id : List.of("a", "b")) {
      Obs o = Obs.device(id).gw("f1:00:00:00:00:01");
      o.bssid = Set.of("f1:00:00:00:00:02");
      e.observe(o.build());
    }
    assertThat(farms(e).get(0).summary()).contains("BSSID f1:00:00:00:00:02");
  }

  @Test
  void aClosedFalsePositiveIsNotReRaisedBySameEvidenceButIsByNewEvidence() {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    e.observe(Obs.device("a").gw("f0:00:00:00:00:01").build());
    e.observe(Obs.device("b").gw("f0:00:00:00:00:01").build());
    String id = farms(e).get(0).id();
    store.statuses.put(id, AlertStatus.CLOSED_FALSE_POSITIVE);
    int writes = store.writes;
    e.observe(Obs.device("a").gw("f0:00:00:00:00:01").at(NOW.plusSeconds(300)).build());
    e.fullPass();
    assertThat(store.saved.values().stream().filter(a -> a.kind() == AlertKind.LAPTOP_FARM)).hasSize(1);
    assertThat(store.writes - writes).isZero();
    e.observe(Obs.device("c").gw("f0:00:00:00:00:01").build());
    assertThat(store.saved.values().stream().filter(a -> a.kind() == AlertKind.LAPTOP_FARM))
        .anySatisfy(a -> {
          assertThat(a.id()).isNotEqualTo(id);
          assertThat(a.deviceIds()).contains("c");
        });
  }

  @Test
  void controlIdentityLocaleAndSilenceBecomeTheirOwnAlerts() throws Exception {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    e.setRoster(RosterCsv.parse(new StringReader("device,employee,country,timezone\nk,Kim,US,America/Chicago\n")).entries());
    Obs k = Obs.device("k");
    k.controls = List.of(new ControlSignal(Signal.IP_KVM, "PiKVM", Severity.HIGH));
    k.imes = List.of("fcitx5:hangul");
    k.tz = "Asia/Pyongyang";
    e.observe(k.build());
    Obs twin = Obs.device("twin");
    twin.fingerprint = "fp-k";
    twin.at = NOW.minus(Duration.ofDays(3));
    e.observe(twin.build());
    e.fullPass();
    assertThat(e.alerts()).extracting(Alert::kind)
        .contains(AlertKind.REMOTE_CONTROL, AlertKind.LOCALE_MISMATCH, AlertKind.DUPLICATE_HARDWARE, AlertKind.AGENT_SILENT);
    Alert locale = e.alerts().stream().filter(a -> a.kind() == AlertKind.LOCALE_MISMATCH).findFirst().orElseThrow();
    assertThat(locale.summary()).contains("hangul").contains("Asia/Pyongyang").contains("Kim");
    Alert silent = e.alerts().stream().filter(a -> a.kind() == AlertKind.AGENT_SILENT).findFirst().orElseThrow();
    assertThat(silent.deviceIds()).containsExactly("twin");
  }

  @Test
  void aControlAlertAdvisesByKindOfControlPath() {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    Obs vm = Obs.device("vm");
    vm.controls = List.of(new ControlSignal(Signal.VIRTUAL_MACHINE, "unidentified hypervisor", Severity.MEDIUM));
    e.observe(vm.build());
    Obs both = Obs.device("both");
    both.controls = List.of(new ControlSignal(Signal.REMOTE_ACCESS, "AnyDesk", Severity.HIGH),
        new ControlSignal(Signal.IP_KVM, "PiKVM", Severity.HIGH));
    e.observe(both.build());
    Alert vmAlert = e.alerts().stream().filter(a -> a.kind() == AlertKind.REMOTE_CONTROL && a.deviceIds().equals(List.of("vm"))).findFirst().orElseThrow();
    assertThat(vmAlert.summary()).contains("virtual machine").doesNotContain("tool is sanctioned");
    assertThat(vmAlert.severity()).isEqualTo(Severity.MEDIUM);
    Alert bothAlert = e.alerts().stream().filter(a -> a.kind() == AlertKind.REMOTE_CONTROL && a.deviceIds().equals(List.of("both"))).findFirst().orElseThrow();
    assertThat(bothAlert.summary()).contains("remote-access tool is sanctioned").contains("USB and HDMI");
    assertThat(bothAlert.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void sightingsFarApartInTimeAreNotConcurrent() {
    CorrelationEngine e = engine(CorrelationSettings.DEFAULT);
    e.observe(Obs.device("old").gw("12:00:00:00:00:01").at(NOW.minus(Duration.ofDays(5))).build());
    e.observe(Obs.device("new").gw("12:00:00:00:00:01").build());
    assertThat(farms(e)).isEmpty();
  }

  @Test
  void rosterCsvReportsEveryBadLine() throws Exception {
    RosterCsv.Result r = RosterCsv.parse(new StringReader("""
        device,employee,timezone
        a,Alice,America/Chicago
        b,,America/Chicago
        c,Carol,Mars/Olympus
        d,"Dan, Jr.",Europe/Berlin
        e,Eve
        """));
    assertThat(r.entries()).extracting(RosterEntry::employee).containsExactly("Alice", "Dan, Jr.");
    assertThat(r.errors()).extracting(RosterCsv.LineError::line).containsExactly(3, 4, 6);
    assertThat(RosterCsv.parse(new StringReader("serial,name\n")).errors()).singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("'device' and 'employee'"));
  }
}
