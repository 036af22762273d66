package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.activity.DayMinutes;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.protocol.report.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Activity analysis on histories shaped as ingest builds them: every device's days are the union of
 * the minute marks of reports sent every five minutes, each carrying six minutes.
 */
class ActivityAnalysisTest {

  static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
  static final long TODAY = ActivityDays.epochDay(NOW);
  static final long FIRST = TODAY - ActivityAnalysis.WINDOW_DAYS + 1;
  static final int CHICAGO = -6 * 60;
  static final List<ControlSignal> ANYDESK = List.of(new ControlSignal(Signal.REMOTE_ACCESS, "AnyDesk", Severity.HIGH));

  final SplittableRandom random = new SplittableRandom(5);
  final MemoryActivityHistory history = new MemoryActivityHistory();
  final AtomicInteger reads = new AtomicInteger();
  final CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, new MemoryAlertStore(),
      Clock.fixed(NOW, ZoneOffset.UTC), (d, from, to) -> {
        reads.incrementAndGet();
        return history.days(d, from, to);
      });

  void report(String id, Timeline t) {
    history.add(t.throughReports(id, 5));
  }

  List<Alert> alerts(AlertKind kind) {
    return engine.alerts().stream().filter(a -> a.kind() == kind).toList();
  }

  @Test
  void reportsEveryFiveMinutesAddUpToTheMinutesTheAgentSaw() {
    Timeline t = Traces.operator(random, FIRST, 3, -10 * 60, 2, true)[0];
    t.injected.set(1439);
    t.injected.set(1440); // marks on both sides of midnight UTC
    List<ActivityDay> viaReports = t.throughReports("d", 5);
    assertThat(viaReports).isEqualTo(t.days("d"));
    assertThat(viaReports.stream().mapToInt(d -> d.active().count()).sum()).isEqualTo(t.active.cardinality());
    assertThat(viaReports.stream().mapToInt(d -> d.remote().count()).sum()).isEqualTo(t.remote.cardinality())
        .isPositive();
  }

  @Test
  void aCoupleSharingAFlatIsClearedAndOneOperatorOnThreeLaptopsRaisesTheFarm() {
    report("p1", Traces.person(random, FIRST, 14, CHICAGO));
    report("p2", Traces.person(random, FIRST, 14, CHICAGO));
    engine.observe(Obs.device("p1").gw("ee:00:00:00:00:01").build());
    engine.observe(Obs.device("p2").gw("ee:00:00:00:00:01").build());
    Timeline[] laptops = Traces.operator(random, FIRST, 14, CHICAGO, 3, false);
    for (int i = 0; i < 3; i++) {
      report("f" + i, laptops[i]);
      engine.observe(Obs.device("f" + i).gw("ee:00:00:00:00:02").build());
    }
    Alert couple = farmOf("p1");
    assertThat(couple.severity()).isEqualTo(Severity.INFO);
    assertThat(couple.summary()).contains("shared household").contains("in common where chance predicts");
    assertThat(couple.evidence()).anySatisfy(e -> {
      assertThat(e.signal()).isEqualTo(Signal.OVERLAPPING_ACTIVITY);
      assertThat(e.detail()).matches("p1 and p2: over \\d+ days both were busy, [\\d,]+ and [\\d,]+ active minutes,"
          + " [\\d,]+ in common where chance predicts [\\d,]+ .*");
    });
    Alert farm = farmOf("f0");
    assertThat(farm.deviceIds()).containsExactly("f0", "f1", "f2");
    assertThat(farm.severity()).isIn(Severity.HIGH, Severity.CRITICAL);
    assertThat(farm.summary()).contains("interleaves");
    assertThat(farm.evidence()).filteredOn(e -> e.signal() == Signal.INTERLEAVED_ACTIVITY).hasSize(4);
  }

  @Test
  void twoDaysOfHistorySayNothingEitherWay() {
    Timeline[] laptops = Traces.operator(random, TODAY - 1, 2, CHICAGO, 2, false);
    for (int i = 0; i < 2; i++) {
      report("s" + i, laptops[i]);
      engine.observe(Obs.device("s" + i).gw("ee:00:00:00:00:03").build());
    }
    Alert farm = farmOf("s0");
    assertThat(farm.evidence()).noneMatch(e -> e.signal() == Signal.INTERLEAVED_ACTIVITY
        || e.signal() == Signal.OVERLAPPING_ACTIVITY);
    assertThat(farm.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void oneOperatorSwitchingBetweenLaptopsInFivePlacesIsOneSharedOperatorAlert() {
    Timeline[] laptops = Traces.operator(random, FIRST, 14, 9 * 60, 5, true);
    List<RosterEntry> roster = new ArrayList<>();
    String[] states = {"Texas", "Ohio", "Oregon", "Iowa", "Utah"};
    for (int i = 0; i < laptops.length; i++) {
      report("op" + i, laptops[i]);
      roster.add(new RosterEntry("op" + i, "Employee " + i, "US", states[i], "America/Chicago"));
    }
    // Twenty people who use AnyDesk at work, in the same hours: the look-alikes. Half of them work on
    // their laptop over a remote session most days, so their driven hours meet the operator's.
    for (int i = 0; i < 20; i++) {
      report("rw" + i, Traces.remoteOnSomeDays(random, Traces.person(random, FIRST, 14, 9 * 60), i % 2 == 0 ? 0.9 : 0));
    }
    engine.setRoster(roster);
    for (int i = 0; i < laptops.length; i++) {
      Obs o = Obs.device("op" + i).gw(String.format("10:00:00:00:01:%02x", i));
      o.controls = ANYDESK;
      engine.observe(o.build());
    }
    for (int i = 0; i < 20; i++) {
      Obs o = Obs.device("rw" + i).gw(String.format("10:00:00:00:02:%02x", i));
      o.controls = ANYDESK;
      engine.observe(o.build());
    }
    engine.fullPass();
    assertThat(alerts(AlertKind.SHARED_OPERATOR)).singleElement().satisfies(a -> {
      assertThat(a.deviceIds()).containsExactly("op0", "op1", "op2", "op3", "op4");
      assertThat(a.severity()).isEqualTo(Severity.HIGH);
      assertThat(a.id()).startsWith("operator-");
      assertThat(a.summary()).contains("nothing on the network ties them").contains("AnyDesk")
          .contains("5 different locations");
      assertThat(a.evidence()).anySatisfy(e -> assertThat(e.signal()).isEqualTo(Signal.INTERLEAVED_ACTIVITY));
    });
    // The same operator pattern on laptops all issued to one employee is explained, not alarming.
    engine.setRoster(IntStream.range(0, 5).mapToObj(i -> new RosterEntry("op" + i, "Olga", "US", "Texas",
        "America/Chicago")).toList());
    engine.fullPass();
    assertThat(alerts(AlertKind.SHARED_OPERATOR)).singleElement()
        .satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.INFO));
  }

  @Test
  void nightWorkInTheClaimedZoneIsExplainedAndDayWorkIsNot() {
    engine.setRoster(List.of(new RosterEntry("night", "Nate", "US", "Illinois", "America/Chicago"),
        new RosterEntry("day", "Dana", "US", "Illinois", "America/Chicago"),
        new RosterEntry("new", "Neil", "US", "Illinois", "America/Chicago")));
    report("night", Traces.person(random, FIRST, 14, 9 * 60));
    report("day", Traces.person(random, FIRST, 14, CHICAGO));
    report("new", Traces.person(random, TODAY - 2, 3, 9 * 60));
    for (String id : List.of("night", "day", "new")) {
      engine.observe(Obs.device(id).build());
    }
    assertThat(alerts(AlertKind.WORKING_HOURS)).singleElement().satisfies(a -> {
      assertThat(a.deviceIds()).containsExactly("night");
      assertThat(a.evidence()).singleElement().satisfies(e -> assertThat(e.detail()).matches(
          "\\d\\d % of [\\d,]+ active minutes over \\d+ days fell between 20:00 and 07:00 America/Chicago;"
              + " \\d\\d % fit 09:00-18:00 at UTC\\+(8|9|10)"));
      assertThat(a.summary()).contains("Nate").contains("works nights");
    });
    int before = reads.get();
    engine.observe(Obs.device("night").at(NOW.plusSeconds(300)).build());
    engine.fullPass();
    assertThat(reads.get()).as("checked once a day").isEqualTo(before);
  }

  @Test
  void profilesCountRunsBlocksAndSharedMinutesAcrossWordAndBlockEdges() {
    // Minutes 62-65 straddle a 64-bit word, 31-32 a block; 1439 is the day's last minute.
    ActivityProfile a = new ActivityProfile("a", List.of(new ActivityDay("a", FIRST + 2,
        DayMinutes.of(31, 32, 62, 63, 64, 65, 1439), DayMinutes.EMPTY, DayMinutes.EMPTY)), FIRST, 14);
    ActivityProfile b = new ActivityProfile("b", List.of(new ActivityDay("b", FIRST + 2,
        DayMinutes.of(32, 64, 100, 1439), DayMinutes.EMPTY, DayMinutes.EMPTY)), FIRST, 14);

    assertThat(a.dayCount(2)).isEqualTo(7);
    assertThat(a.meanRun()).isEqualTo(7 / 3.0); // 31-32, 62-65 and 1439
    assertThat(a.blockMask(2)).isEqualTo(1L | 1L << 1 | 1L << 2 | 1L << 44);
    assertThat(a.blockCount(2, 1)).isEqualTo(3); // 32, 62, 63
    assertThat(a.blockCount(2, 2)).isEqualTo(2); // 64, 65
    assertThat(a.sharedWith(b, 2, a.blockMask(2) & b.blockMask(2))).isEqualTo(3); // 32, 64, 1439
    List<Integer> minutes = new ArrayList<>();
    a.forEachMinute(2, minutes::add);
    assertThat(minutes).containsExactly(31, 32, 62, 63, 64, 65, 1439);
  }

  @Test
  void hostileHistoriesCostBoundedWork() {
    DayMinutes full = DayMinutes.of(IntStream.range(0, DayMinutes.MINUTES).toArray());
    List<ActivityDay> junk = new ArrayList<>();
    for (int d = 0; d < 5_000; d++) {
      // Far outside the window, other devices' rows, and the same day many times over.
      junk.add(new ActivityDay("x0", FIRST - 10_000 + d, full, full, full));
      junk.add(new ActivityDay("someone-else", TODAY, full, full, full));
      junk.add(new ActivityDay("x0", TODAY, full, DayMinutes.EMPTY, DayMinutes.EMPTY));
    }
    ActivityProfile p = new ActivityProfile("x0", junk, FIRST, ActivityAnalysis.WINDOW_DAYS);
    assertThat(p.days()).isEqualTo(1);
    assertThat(p.total()).isEqualTo(DayMinutes.MINUTES);

    // 60 devices joining one router one by one, every minute of every day busy: each history is read
    // once, not once per step of the cluster's growth, and the alert stays small.
    for (int i = 0; i < 60; i++) {
      String id = "h" + i;
      history.add(IntStream.range(0, 14).mapToObj(d -> new ActivityDay(id, FIRST + d, full, full, full)).toList());
    }
    for (int i = 0; i < 60; i++) {
      engine.observe(Obs.device("h" + i).gw("66:66:66:66:66:66").build());
    }
    assertThat(reads.get()).isBetween(ActivityAnalysis.MAX_CLUSTER_DEVICES, 60);
    assertThat(farmOf("h0").evidence()).filteredOn(e -> e.signal() == Signal.OVERLAPPING_ACTIVITY)
        .hasSize(FarmAssessment.MAX_LISTED).last().satisfies(e -> assertThat(e.detail()).startsWith("all measured pairs"));

    // Over the candidate cap, all controlled: histories are read for the cap only, and two busy days
    // each are too few to compare anyone. (A small cap stands for the collector's 50,000.)
    AtomicInteger operatorReads = new AtomicInteger();
    SharedOperators.Bounds bounds = new SharedOperators.Bounds(500, SharedOperators.MAX_PROBES,
        SharedOperators.MAX_PAIRS);
    ActivityAnalysis analysis = new ActivityAnalysis((d, from, to) -> {
      operatorReads.incrementAndGet();
      return IntStream.range(0, 2).mapToObj(k -> new ActivityDay(d, FIRST + k, full, full, full)).toList();
    }, Clock.fixed(NOW, ZoneOffset.UTC), CorrelationSettings.DEFAULT_ACTIVITY_REFRESH, bounds);
    List<DeviceObservation> fleet = new ArrayList<>();
    for (int i = 0; i < bounds.candidates() + 100; i++) {
      Obs o = Obs.device("c" + i).gw("77:00:00:00:" + String.format("%02x:%02x", i >> 8, i & 255));
      o.controls = ANYDESK;
      fleet.add(o.build());
    }
    assertThat(analysis.fullPass(fleet, o -> null, d -> d, (id, t) -> t)).isEmpty();
    SharedOperators.Work work = analysis.lastOperatorWork();
    assertThat(work.candidates()).isEqualTo(bounds.candidates());
    assertThat(operatorReads.get()).isEqualTo(bounds.candidates());
    assertThat(work.driven()).isZero();
    assertThat(work.probes()).isZero();
    assertThat(work.pairsCompared()).isZero();

    // Driven every minute of 14 days, every pair plausible: the pair and index bounds stop the pass.
    ActivityAnalysis busy = new ActivityAnalysis((d, from, to) -> IntStream.range(0, 14)
        .mapToObj(k -> new ActivityDay(d, FIRST + k, full, full, full)).toList(), Clock.fixed(NOW, ZoneOffset.UTC),
        CorrelationSettings.DEFAULT_ACTIVITY_REFRESH, new SharedOperators.Bounds(500, 1_000_000, 1_000));
    busy.fullPass(fleet, o -> null, d -> d, (id, t) -> t);
    assertThat(busy.lastOperatorWork().driven()).isEqualTo(500);
    assertThat(busy.lastOperatorWork().pairsCompared()).isEqualTo(1_000);
    ActivityAnalysis fewProbes = new ActivityAnalysis((d, from, to) -> IntStream.range(0, 14)
        .mapToObj(k -> new ActivityDay(d, FIRST + k, full, full, full)).toList(), Clock.fixed(NOW, ZoneOffset.UTC),
        CorrelationSettings.DEFAULT_ACTIVITY_REFRESH, new SharedOperators.Bounds(500, 50_000, 1_000_000));
    fewProbes.fullPass(fleet, o -> null, d -> d, (id, t) -> t);
    // Checked after each device's day: one day's walk (at most 499 x 45 entries) past the bound at most.
    assertThat(fewProbes.lastOperatorWork().probes()).isBetween(50_000L, 50_000L + 499 * 45);
  }

  @Test
  void onlyDevicesDrivenFromElsewhereOnThreeDaysAreSearched() {
    Timeline[] laptops = Traces.operator(random, FIRST, 14, CHICAGO, 3, true);
    for (int i = 0; i < 3; i++) {
      report("op" + i, laptops[i]);
    }
    // AnyDesk installed and never used; used on two days; on most days; an IP-KVM, invisible to software.
    report("idle-tool", Traces.person(random, FIRST, 14, CHICAGO));
    Timeline twoDays = Traces.person(random, FIRST, 14, CHICAGO);
    twoDays.remote.set(twoDays.active.nextSetBit(0));
    twoDays.remote.set(twoDays.active.previousSetBit(twoDays.days * DayMinutes.MINUTES));
    report("two-days", twoDays);
    report("daily", Traces.remoteOnSomeDays(random, Traces.person(random, FIRST, 14, CHICAGO), 1));
    report("kvm", Traces.person(random, FIRST, 14, CHICAGO));
    List<DeviceObservation> fleet = new ArrayList<>();
    for (String id : List.of("op0", "op1", "op2", "idle-tool", "two-days", "daily", "kvm")) {
      Obs o = Obs.device(id).gw("12:00:00:00:00:0" + fleet.size());
      o.controls = id.equals("kvm") ? List.of(new ControlSignal(Signal.IP_KVM, "PiKVM", Severity.HIGH)) : ANYDESK;
      fleet.add(o.build());
    }
    ActivityAnalysis analysis = new ActivityAnalysis(history, Clock.fixed(NOW, ZoneOffset.UTC));

    List<Alert> found = analysis.fullPass(fleet, o -> null, d -> d, (id, t) -> t).stream()
        .map(draft -> draft.build().get()).toList();

    assertThat(found).singleElement().satisfies(a -> assertThat(a.deviceIds()).containsExactly("op0", "op1", "op2"));
    SharedOperators.Work work = analysis.lastOperatorWork();
    assertThat(work.candidates()).isEqualTo(7);
    assertThat(work.driven()).as("the operator's three, the daily remote worker and the KVM").isEqualTo(5);
    // Every pair of the five is driven in common blocks on many days: all ten compared, and the
    // people's overlap keeps them out of the operator's group.
    assertThat(work.pairsCompared()).isEqualTo(10);
  }

  private Alert farmOf(String device) {
    return alerts(AlertKind.LAPTOP_FARM).stream().filter(a -> a.deviceIds().contains(device)).findFirst()
        .orElseThrow();
  }
}
