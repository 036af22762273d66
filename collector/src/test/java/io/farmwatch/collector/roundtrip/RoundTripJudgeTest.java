package io.farmwatch.collector.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.collector.roundtrip.RoundTripLedger.SiteMinimum;
import io.farmwatch.collector.roundtrip.RoundTripVerdict.Finding;
import io.farmwatch.protocol.report.CollectorRtt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Round-trip physics on the real gazetteer: claimed cities, collector sites and their intersection. */
class RoundTripJudgeTest {

  static final Instant DAY0 = Instant.parse("2026-11-20T10:00:00Z");
  static Gazetteer gazetteer;
  static CollectorSite virginia;
  static CollectorSite frankfurt;
  static CollectorSite seoul;
  static List<City> austin;

  @BeforeAll
  static void load() {
    gazetteer = Gazetteer.builtIn();
    virginia = CollectorSite.parse("Ashburn, VA, US", gazetteer);
    frankfurt = CollectorSite.parse("Frankfurt am Main, DE", gazetteer);
    seoul = CollectorSite.parse("37.5665,126.9780", gazetteer);
    austin = gazetteer.find("Austin", "US", "Texas");
  }

  RoundTripJudge judge() {
    return new RoundTripJudge(RoundTripModel.DEFAULT, gazetteer, 2);
  }

  /** A ledger holding the given minimum (ms) to a site on each of {@code days} days. */
  static RoundTripLedger ledger(String device, int days, Object... siteAndMs) {
    RoundTripLedger l = new RoundTripLedger();
    for (int d = 0; d < days; d++) {
      for (int i = 0; i < siteAndMs.length; i += 2) {
        int micros = (int) ((Double) siteAndMs[i + 1] * 1000);
        l.record(device, (CollectorSite) siteAndMs[i], new CollectorRtt(micros + 5_000, micros + 9_000, 4),
            DAY0.plus(Duration.ofDays(d)));
        l.record(device, (CollectorSite) siteAndMs[i], new CollectorRtt(micros, micros + 2_000, 4),
            DAY0.plus(Duration.ofDays(d)).plusSeconds(600));
      }
    }
    return l;
  }

  @Test
  void theGazetteerPlacesCitiesAndRegionsAndRefusesAmbiguity() {
    assertThat(austin).singleElement().satisfies(c -> assertThat(c.label()).isEqualTo("Austin, Texas, US"));
    assertThat(gazetteer.find("austin", "us", null)).hasSizeGreaterThan(1);
    assertThat(gazetteer.find("Sao Paulo", "BR", null)).isNotEmpty();
    assertThat(virginia.name()).isEqualTo("Ashburn, Virginia, US");
    assertThatThrownBy(() -> CollectorSite.parse("Austin, US", gazetteer)).hasMessageContaining("names")
        .hasMessageContaining("add the region");
    assertThatThrownBy(() -> CollectorSite.parse("Xyzzyville, US", gazetteer)).hasMessageContaining("no city");
    assertThatThrownBy(() -> CollectorSite.parse("95,10", gazetteer)).hasMessageContaining("latitude");
    assertThatThrownBy(() -> CollectorSite.parse("somewhere", gazetteer)).hasMessageContaining("LAT,LON");
  }

  @Test
  void aMinimumFarAboveWhatTheClaimedCityAllowsSaysFartherAndIsExplained() {
    double distance = austin.get(0).at().distanceKm(virginia.at());
    assertThat(distance).isBetween(1900.0, 2200.0);
    var verdict = judge().judge(austin, ledger("d", 6, virginia, 212.0).minima("d")).orElseThrow();
    assertThat(verdict.finding()).isEqualTo(Finding.TOO_FAR);
    long most = Math.round(RoundTripModel.DEFAULT.ceilingMs(distance));
    assertThat(verdict.explanation()).isEqualTo("a minimum of 212 ms over 6 days to the Ashburn, Virginia, US collector;"
        + " Austin, Texas, US allows at most " + most + " ms");
  }

  @Test
  void aMinimumBelowWhatLightNeedsProvesNearer() {
    // 3 ms to Frankfurt from a laptop claiming Austin: light needs ~80 ms for that distance.
    var verdict = judge().judge(austin, ledger("d", 3, frankfurt, 3.0).minima("d")).orElseThrow();
    assertThat(verdict.finding()).isEqualTo(Finding.TOO_NEAR);
    assertThat(verdict.explanation()).contains("a minimum of 3 ms over 3 days to the Frankfurt am Main, Hesse, DE")
        .contains("km away, which light in fibre needs at least");
  }

  @Test
  void anHonestHomeFitsAndOneDayIsNotEnough() {
    assertThat(judge().judge(austin, ledger("d", 5, virginia, 38.0).minima("d"))).isEmpty();
    assertThat(judge().judge(austin, ledger("d", 1, virginia, 212.0).minima("d"))).as("held one day only").isEmpty();
    assertThat(judge().judge(List.of(), ledger("d", 5, virginia, 212.0).minima("d"))).as("city unknown").isEmpty();
  }

  @Test
  void anAmbiguousClaimIsJudgedByItsMostGenerousCandidate() {
    List<City> anyAustin = gazetteer.find("Austin", "US", null);
    double mostAllowed = anyAustin.stream()
        .mapToDouble(c -> RoundTripModel.DEFAULT.ceilingMs(c.at().distanceKm(virginia.at()))).max().orElseThrow();
    double rtt = Math.floor(mostAllowed) - 1;
    assertThat(judge().judge(anyAustin, ledger("d", 3, virginia, rtt).minima("d"))).isEmpty();
    assertThat(judge().judge(anyAustin, ledger("d", 3, virginia, mostAllowed + 30).minima("d")).orElseThrow()
        .explanation()).contains("any of " + anyAustin.size() + " places so named");
  }

  @Test
  void severalCollectorsIntersectToWhereTheDeviceCanBe() {
    // Seoul 10 ms, Frankfurt 180 ms: only the region around Seoul fits both; Austin fits neither.
    var verdict = judge().judge(austin, ledger("d", 3, seoul, 10.0, frankfurt, 180.0).minima("d")).orElseThrow();
    assertThat(verdict.finding()).isEqualTo(Finding.TOO_NEAR);
    assertThat(verdict.consistentPlaces()).startsWith("The round trips to all 2 collectors fit").contains(", KR");
    // Round trips no single place fits: 5 ms to both Seoul and Frankfurt.
    var impossible = judge().judge(austin, ledger("d", 3, seoul, 5.0, frankfurt, 5.0).minima("d")).orElseThrow();
    assertThat(impossible.consistentPlaces()).startsWith("No place fits the round trips to all 2 collectors");
  }

  @Test
  void theLedgerKeepsDailyMinimaForABoundedNumberOfDaysAndIgnoresNonsense() {
    RoundTripLedger l = ledger("d", RoundTripLedger.KEEP_DAYS + 6, virginia, 40.0);
    SiteMinimum m = l.minima("d").get(0);
    assertThat(m.days()).isEqualTo(RoundTripLedger.KEEP_DAYS);
    assertThat(m.minMicros()).isEqualTo(40_000);
    assertThat(m.since()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
    l.record("d", virginia, new CollectorRtt(-5, 1, 3), DAY0);
    l.record("d", virginia, new CollectorRtt(0, 0, 0), DAY0);
    l.record("d", virginia, new CollectorRtt(Integer.MAX_VALUE, Integer.MAX_VALUE, 3), DAY0);
    l.record("d", virginia, null, DAY0);
    assertThat(l.minima("d").get(0).minMicros()).isEqualTo(40_000);
    for (int i = 0; i < RoundTripLedger.MAX_SITES + 3; i++) {
      l.record("d", new CollectorSite("site" + i, new GeoPoint(i, i)), new CollectorRtt(1000, 1000, 1), DAY0);
    }
    assertThat(l.minima("d")).hasSize(RoundTripLedger.MAX_SITES);
  }

  @Test
  void theLedgerStartsFromStoredDaysAndStoresOnlyLowerDailyMinimaInBatches() {
    long day0 = DAY0.getEpochSecond() / 86_400;
    List<List<RoundTripDay>> batches = new ArrayList<>();
    RoundTripLedger l = new RoundTripLedger(List.of(new RoundTripDay("d", virginia, day0, 90_000),
        new RoundTripDay("d", virginia, day0 + 1, 80_000)), batches::add);
    assertThat(l.minima("d")).singleElement().satisfies(m -> {
      assertThat(m.days()).isEqualTo(2);
      assertThat(m.minMicros()).isEqualTo(80_000);
    });
    l.record("d", virginia, new CollectorRtt(95_000, 99_000, 3), DAY0);
    l.record("d", virginia, new CollectorRtt(72_000, 99_000, 3), DAY0);
    l.record("d", virginia, new CollectorRtt(70_000, 99_000, 3), DAY0);
    l.record("d", virginia, new CollectorRtt(75_000, 99_000, 3), DAY0.plusSeconds(60));
    l.record("d", virginia, new CollectorRtt(85_000, 99_000, 3), DAY0.plus(Duration.ofDays(2)));
    assertThat(batches).as("nothing is written before the flush").isEmpty();
    assertThat(l.minima("d").get(0).days()).isEqualTo(3);
    l.flush();
    assertThat(batches).as("one batch, each day's lowest once").containsExactly(List.of(
        new RoundTripDay("d", virginia, day0, 70_000), new RoundTripDay("d", virginia, day0 + 2, 85_000)));
    l.flush();
    l.record("d", virginia, new CollectorRtt(60_000, 99_000, 3), DAY0);
    l.flush();
    assertThat(batches).hasSize(2).last().isEqualTo(List.of(new RoundTripDay("d", virginia, day0, 60_000)));
  }

  @Test
  void slackOutsideSaneBoundsIsRefused() {
    assertThatThrownBy(() -> new RoundTripModel(-1, 2, 50)).hasMessageContaining("slack");
    assertThatThrownBy(() -> new RoundTripModel(25, 0.5, 50)).hasMessageContaining("route factor");
    assertThatThrownBy(() -> new RoundTripJudge(RoundTripModel.DEFAULT, gazetteer, 0)).hasMessageContaining("1-14");
  }
}
