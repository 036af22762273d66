package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A farm alert's ID follows its machines: through growth, loss, splits, merges and new engines. */
class AlertIdentityTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
  private final MemoryAlertStore store = new MemoryAlertStore();

  private CorrelationEngine engine() {
    return new CorrelationEngine(CorrelationSettings.DEFAULT, store, CLOCK);
  }

  private List<Alert> farms() {
    return store.saved.values().stream().filter(a -> a.kind() == AlertKind.LAPTOP_FARM)
        .filter(a -> store.statuses.get(a.id()) != AlertStatus.MERGED).toList();
  }

  private Alert farmOf(String device) {
    return farms().stream().filter(a -> a.deviceIds().contains(device))
        .max((a, b) -> a.lastSeen().compareTo(b.lastSeen())).orElseThrow();
  }

  @Test
  void aFarmThatLosesAMachineKeepsItsIdAndTheMachineLeavesIt() {
    CorrelationEngine e = engine();
    for (String d : List.of("a", "b", "c")) {
      e.observe(Obs.device(d).gw("aa:00:00:00:00:01").build());
    }
    String id = farmOf("a").id();
    e.observe(Obs.device("c").gw("aa:00:00:00:00:99").build());
    assertThat(store.saved.get(id).deviceIds()).containsExactly("a", "b");
    e.observe(Obs.device("d").gw("aa:00:00:00:00:01").build());
    assertThat(store.saved.get(id).deviceIds()).containsExactly("a", "b", "d");
  }

  @Test
  void aSplitFarmKeepsItsIdOnThePartWithMostOfItsMachines() {
    CorrelationEngine e = engine();
    for (String d : List.of("a", "b", "c", "d", "e")) {
      e.observe(Obs.device(d).gw("aa:00:00:00:00:01").build());
    }
    String id = farmOf("a").id();
    e.observe(Obs.device("d").gw("aa:00:00:00:00:02").build());
    e.observe(Obs.device("e").gw("aa:00:00:00:00:02").build());
    assertThat(store.saved.get(id).deviceIds()).containsExactly("a", "b", "c");
    Alert split = farmOf("d");
    assertThat(split.id()).isNotEqualTo(id);
    assertThat(split.deviceIds()).containsExactly("d", "e");
  }

  @Test
  void joinedFarmsKeepTheOlderIdAndTheOtherIsMergedIntoIt() {
    CorrelationEngine e = engine();
    e.observe(Obs.device("a1").gw("aa:00:00:00:00:01").at(CLOCK.instant().minusSeconds(3600)).build());
    e.observe(Obs.device("a2").gw("aa:00:00:00:00:01").at(CLOCK.instant().minusSeconds(3600)).build());
    e.observe(Obs.device("b1").gw("aa:00:00:00:00:02").build());
    e.observe(Obs.device("b2").gw("aa:00:00:00:00:02").build());
    String older = farmOf("a1").id();
    String younger = farmOf("b1").id();
    e.observe(Obs.device("b2").gw2("aa:00:00:00:00:01", "aa:00:00:00:00:02").build());
    assertThat(farms()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(older);
      assertThat(a.deviceIds()).containsExactly("a1", "a2", "b1", "b2");
    });
    assertThat(store.mergedInto).containsEntry(younger, older);
  }

  @Test
  void aNewEngineGivenTheStoredAlertsKeepsTheirIds() {
    CorrelationEngine first = engine();
    for (String d : List.of("a", "b")) {
      first.observe(Obs.device(d).gw("aa:00:00:00:00:01").build());
    }
    String id = farmOf("a").id();
    CorrelationEngine second = engine();
    store.saved.values().forEach(a -> second.restore(a, AlertStatus.OPEN));
    for (String d : List.of("a", "b", "c")) {
      second.observe(Obs.device(d).gw("aa:00:00:00:00:01").build());
    }
    second.fullPass();
    assertThat(farms()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(id);
      assertThat(a.deviceIds()).containsExactly("a", "b", "c");
    });
  }

  @Test
  void aMergedAlertRestoredClaimsNoMachines() {
    CorrelationEngine first = engine();
    for (String d : List.of("a", "b")) {
      first.observe(Obs.device(d).gw("aa:00:00:00:00:01").build());
    }
    Alert merged = farmOf("a");
    CorrelationEngine second = new CorrelationEngine(CorrelationSettings.DEFAULT, store,
        Clock.offset(CLOCK, java.time.Duration.ofMinutes(1)));
    second.restore(merged, AlertStatus.MERGED);
    for (String d : List.of("a", "b")) {
      second.observe(Obs.device(d).gw("aa:00:00:00:00:01").at(CLOCK.instant().plusSeconds(60)).build());
    }
    assertThat(farmOf("a").id()).isNotEqualTo(merged.id());
  }

  @Test
  void aNewEngineLoadingAnUnchangedFleetRewritesNoAlert() {
    CorrelationEngine first = engine();
    List<DeviceObservation> fleet = List.of("a", "b", "c", "d").stream()
        .map(d -> Obs.device(d).gw("aa:00:00:00:00:01").build()).toList();
    fleet.forEach(first::observe);
    first.fullPass();
    int writes = store.writes;
    CorrelationEngine second = engine();
    store.saved.values().forEach(a -> second.restore(a, AlertStatus.OPEN));
    fleet.forEach(second::load);
    second.fullPass();
    assertThat(store.writes).as("alerts written again").isEqualTo(writes);
  }
}
