package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertIdsTest {

  final MemoryAlertStore store = new MemoryAlertStore();
  final CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, store,
      Clock.fixed(CorrelationEngineTest.NOW, ZoneOffset.UTC));

  void twins(String fingerprint, String first, String second) {
    for (String device : List.of(first, second)) {
      Obs o = Obs.device(device);
      o.fingerprint = fingerprint;
      engine.observe(o.build());
    }
  }

  List<Alert> duplicates() {
    return engine.alerts().stream().filter(a -> a.kind() == AlertKind.DUPLICATE_HARDWARE).toList();
  }

  @Test
  void fingerprintsSharingTheirFirstSixteenCharactersAreTwoAlerts() {
    twins("identity-a/../b?c#d-AAAAAAAAAAAA-one", "a1", "a2");
    twins("identity-a/../b?c#d-AAAAAAAAAAAA-two", "b1", "b2");
    assertThat(duplicates()).hasSize(2).extracting(Alert::deviceIds)
        .containsExactlyInAnyOrder(List.of("a1", "a2"), List.of("b1", "b2"));
  }

  @Test
  void idsAreUrlSafeWhateverTheAgentSent() {
    twins("identity-a/../b?c#d %2F\u001b[31m\n", "c1", "c2");
    assertThat(duplicates()).singleElement().extracting(Alert::id).asString()
        .matches("identity-[0-9a-f]{32}");
  }

  @Test
  void theSameKeyGivesTheSameIdAndTheKindAndPartBoundariesCount() {
    assertThat(AlertIds.of("x", "KIND", "dev_1")).isEqualTo(AlertIds.of("x", "KIND", "dev_1"))
        .isNotEqualTo(AlertIds.of("x", "OTHER", "dev_1"))
        .isNotEqualTo(AlertIds.of("x", "KIND", "dev_", "1"));
  }
}
