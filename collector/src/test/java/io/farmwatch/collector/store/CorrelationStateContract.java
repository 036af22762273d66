package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.DayMinutes;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.GeoPoint;
import io.farmwatch.collector.roundtrip.RoundTripDay;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What correlation keeps in the database, the same on every backend: activity history, the
 * fleet-wide order of observations, baselines, shared values. Each backend's test extends this.
 */
public abstract class CorrelationStateContract {

  protected static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  static final long DAY = T0.getEpochSecond() / 86_400;

  protected Storage storage;

  protected abstract Storage openFresh() throws Exception;

  @BeforeEach
  void open() throws Exception {
    storage = openFresh();
    for (String d : List.of("d1", "d2", "d3")) {
      String hash = "hash-of-token-" + d;
      storage.createToken(new EnrollmentToken("tok-" + d, hash, T0, null, 1, null), Actor.CLI);
      storage.enroll(hash, new NewDevice(d, "PEM-" + d, "key-" + d, "fp", "host", "1.0", T0), T0);
    }
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private AcceptOutcome accept(String device, long sequence, List<ActivityDay> activity) {
    return accept(device, sequence, null, activity);
  }

  private AcceptOutcome accept(String device, long sequence, String fingerprint, List<ActivityDay> activity) {
    return storage.accept(new IncomingReport(device, sequence, T0.plusSeconds(sequence), T0, null,
        "{}".getBytes(StandardCharsets.UTF_8), "host", "1.0", "{}", "{\"deviceId\":\"" + device + "\"}",
        fingerprint, activity));
  }

  private static ActivityDay day(String device, long day, int[] active, int[] remote, int[] injected) {
    return new ActivityDay(device, day, DayMinutes.of(active), DayMinutes.of(remote), DayMinutes.of(injected));
  }

  @Test
  void eachDaysMarksAreTheUnionOfEveryAcceptedReport() {
    accept("d1", 1, List.of(day("d1", DAY, new int[] {10, 11}, new int[] {11}, new int[] {})));
    accept("d1", 2, List.of(day("d1", DAY, new int[] {12}, new int[] {}, new int[] {12}),
        day("d1", DAY + 1, new int[] {0}, new int[] {}, new int[] {})));
    // A replay is refused whole: its marks must not reach the history either.
    assertThat(accept("d1", 2, List.of(day("d1", DAY, new int[] {500}, new int[] {}, new int[] {}))))
        .isEqualTo(AcceptOutcome.REPLAYED);

    List<ActivityDay> days = storage.activityDays("d1", DAY - 1, DAY + 5);
    assertThat(days).extracting(ActivityDay::epochDay).containsExactly(DAY, DAY + 1);
    assertThat(days.get(0).active().minutes().toArray()).containsExactly(10, 11, 12);
    assertThat(days.get(0).remote().minutes().toArray()).containsExactly(11);
    assertThat(days.get(0).injected().minutes().toArray()).containsExactly(12);
    assertThat(storage.activityDays("d2", DAY - 1, DAY + 5)).isEmpty();
    assertThat(storage.activityDays("d1", DAY + 1, DAY + 1)).hasSize(1);
  }

  @Test
  void pruningDropsOnlyDaysBeforeTheCutoff() {
    accept("d1", 1, List.of(day("d1", DAY - 20, new int[] {1}, new int[] {}, new int[] {}),
        day("d1", DAY, new int[] {1}, new int[] {}, new int[] {})));
    assertThat(storage.pruneActivityBefore(DAY - 14)).isEqualTo(1);
    assertThat(storage.activityDays("d1", 0, DAY + 1)).extracting(ActivityDay::epochDay).containsExactly(DAY);
  }

  @Test
  void eachDeviceSiteAndDayKeepsOneRowWithItsLeastRoundTrip() {
    CollectorSite ashburn = new CollectorSite("Ashburn, Virginia, US", new GeoPoint(39.04372, -77.48749));
    CollectorSite frankfurt = new CollectorSite("50.1155,8.6842", new GeoPoint(50.1155, 8.6842));
    storage.keepRoundTripMinima(List.of(new RoundTripDay("d1", ashburn, DAY, 90_000)));
    // One batch, as the correlator writes a page's minima: each row is upserted.
    storage.keepRoundTripMinima(List.of(new RoundTripDay("d1", ashburn, DAY, 70_000),
        new RoundTripDay("d1", frankfurt, DAY, 150_000), new RoundTripDay("d1", ashburn, DAY - 20, 60_000),
        new RoundTripDay("d2", ashburn, DAY + 1, 40_000)));
    // A correlator that lost the lease may still write a higher one: the lower stays.
    storage.keepRoundTripMinima(List.of(new RoundTripDay("d1", ashburn, DAY, 80_000)));
    storage.keepRoundTripMinima(List.of());
    assertThat(storage.roundTripDays(DAY)).containsExactly(new RoundTripDay("d1", frankfurt, DAY, 150_000),
        new RoundTripDay("d1", ashburn, DAY, 70_000), new RoundTripDay("d2", ashburn, DAY + 1, 40_000));
    assertThat(storage.pruneRoundTripsBefore(DAY - 14)).isEqualTo(1);
    assertThat(storage.roundTripDays(0)).hasSize(3);
  }

  @Test
  void observationsComeOncePerDeviceInTheOrderTheirLatestReportsWereAccepted() {
    accept("d1", 1, List.of());
    accept("d2", 1, List.of());
    accept("d1", 2, List.of());
    long fence = storage.observationFence();
    List<ObservedDevice> all = storage.observedAfter(0, fence, 100);
    assertThat(all).extracting(ObservedDevice::deviceId).containsExactly("d2", "d1");
    assertThat(all.get(1).observedSeq()).isEqualTo(fence);
    assertThat(storage.observedAfter(all.get(0).observedSeq(), fence, 100)).extracting(ObservedDevice::deviceId)
        .containsExactly("d1");
    assertThat(storage.observedAfter(0, fence, 1)).hasSize(1);
    // A device that never reported is not an observation.
    assertThat(all).extracting(ObservedDevice::deviceId).doesNotContain("d3");
    accept("d3", 1, List.of());
    assertThat(storage.observationFence()).isGreaterThan(fence);
    assertThat(storage.observedAfter(fence, storage.observationFence(), 100)).extracting(ObservedDevice::deviceId)
        .containsExactly("d3");
  }

  @Test
  void aRevokedDeviceIsListedAsRevoked() {
    accept("d1", 1, List.of());
    storage.revokeDevice("d1", T0, Actor.CLI);
    assertThat(storage.observedAfter(0, storage.observationFence(), 10)).singleElement()
        .satisfies(d -> assertThat(d.revoked()).isTrue());
  }

  @Test
  void theFirstBaselineStays() {
    accept("d1", 1, List.of());
    assertThat(storage.recordBaseline("d1", "fp-first", T0)).isTrue();
    assertThat(storage.recordBaseline("d1", "fp-second", T0)).isFalse();
    assertThat(storage.observedAfter(0, storage.observationFence(), 10)).singleElement()
        .satisfies(d -> assertThat(d.baselineFingerprint()).isEqualTo("fp-first"));
  }

  @Test
  void theFirstReportedFingerprintBecomesTheBaselineAndStays() {
    accept("d1", 1, List.of());
    accept("d1", 2, "fp-first", List.of());
    accept("d1", 3, "fp-second", List.of());
    // A replay is refused whole: its fingerprint must not become anyone's baseline.
    assertThat(accept("d2", 1, List.of())).isEqualTo(AcceptOutcome.STORED);
    assertThat(accept("d2", 1, "fp-replayed", List.of())).isEqualTo(AcceptOutcome.REPLAYED);
    assertThat(storage.recordBaseline("d1", "fp-correlator", T0)).isFalse();
    assertThat(storage.observedAfter(0, storage.observationFence(), 10))
        .extracting(ObservedDevice::deviceId, ObservedDevice::baselineFingerprint)
        .containsExactly(tuple("d1", "fp-first"),
            tuple("d2", null));
  }

  @Test
  void everyRosterImportChangesTheRosterVersion() {
    assertThat(storage.correlationState(Storage.ROSTER_VERSION)).isEmpty();
    storage.replaceRoster(List.of(new RosterEntry("d1", "Ann", "US", "TX", "America/Chicago")), T0);
    String first = storage.correlationState(Storage.ROSTER_VERSION).orElseThrow();
    storage.replaceRoster(List.of(new RosterEntry("d1", "Ann", "US", "TX", "America/Chicago")), T0);
    assertThat(storage.correlationState(Storage.ROSTER_VERSION)).isPresent().get().isNotEqualTo(first);
    storage.setCorrelationState("x", "1", T0);
    storage.setCorrelationState("x", "2", T0);
    assertThat(storage.correlationState("x")).contains("2");
  }

  @Test
  void alertsPageByIdForAReloadingCorrelator() {
    for (String id : List.of("c", "a", "b")) {
      storage.saveAlert(new AlertRecord(id, "LAPTOP_FARM", "HIGH", 0.8, "[]", "[]", "s", T0, T0, "OPEN", T0));
    }
    assertThat(storage.alertsAfter(null, 2)).extracting(AlertRecord::alertId).containsExactly("a", "b");
    assertThat(storage.alertsAfter("b", 2)).extracting(AlertRecord::alertId).containsExactly("c");
  }
}
