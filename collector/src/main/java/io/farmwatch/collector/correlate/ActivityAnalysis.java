package io.farmwatch.collector.correlate;

import io.farmwatch.collector.activity.ActivityDays;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.protocol.report.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's reader of activity history: what a cluster's history says, the working-hours check
 * of one device, and the pass that links controlled devices one operator drives in turn. History is
 * read only for cluster members (at most {@link #MAX_CLUSTER_DEVICES} of a cluster), for controlled
 * devices in a full pass, and for a device's working hours once a UTC day; a device's history at most
 * once per refresh period ({@link CorrelationSettings#activityRefresh}) while its profile stays cached.
 */
final class ActivityAnalysis {

  private static final Logger LOG = LoggerFactory.getLogger(ActivityAnalysis.class);

  /** Days of history analysed, the retention the collector keeps by default. */
  static final int WINDOW_DAYS = 14;
  /** Devices of one cluster whose histories are compared pairwise (496 pairs at most). */
  static final int MAX_CLUSTER_DEVICES = 32;
  /** Profiles kept for reuse, the most recently used (about 4 KB each). */
  static final int MAX_CACHED_PROFILES = 10_000;

  private record Verdict(ClusterActivity activity, Instant at) {}

  private record Cached(ActivityProfile profile, Instant at) {}

  private final ActivityHistory history;
  private final Clock clock;
  /**
   * A device's history, and a cluster's verdict, are reused this long: a report adds five minutes to
   * days of history, and a cluster growing one device at a time (as at start) then costs one read per
   * device, not one per device per step.
   */
  private final Duration refresh;
  private final Map<Set<String>, Verdict> clusters = new HashMap<>();
  private final Map<String, Long> hoursCheckedOn = new HashMap<>();
  private final Map<String, Cached> profiles = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > MAX_CACHED_PROFILES;
    }
  };
  private final SharedOperators operators;

  ActivityAnalysis(ActivityHistory history, Clock clock) {
    this(history, clock, CorrelationSettings.DEFAULT_ACTIVITY_REFRESH);
  }

  ActivityAnalysis(ActivityHistory history, Clock clock, Duration refresh) {
    this(history, clock, refresh, SharedOperators.Bounds.DEFAULT);
  }

  ActivityAnalysis(ActivityHistory history, Clock clock, Duration refresh, SharedOperators.Bounds bounds) {
    this.history = history;
    this.clock = clock;
    this.refresh = refresh;
    this.operators = new SharedOperators(bounds);
  }

  /** The device's profile over the window ending today, read again when older than the refresh period. */
  ActivityProfile profile(String deviceId) {
    Instant now = clock.instant();
    long today = ActivityDays.epochDay(now);
    long from = today - WINDOW_DAYS + 1;
    Cached c = profiles.get(deviceId);
    if (c != null && c.at().plus(refresh).isAfter(now) && c.profile().firstDay() == from) {
      return c.profile();
    }
    ActivityProfile p = new ActivityProfile(deviceId, history.days(deviceId, from, today), from, WINDOW_DAYS);
    profiles.put(deviceId, new Cached(p, now));
    return p;
  }

  /** The cluster's pairwise verdict, from a recent reading when its membership has not changed. */
  ClusterActivity cluster(Set<String> members) {
    Instant now = clock.instant();
    Verdict v = clusters.get(members);
    if (v != null && v.at().plus(refresh).isAfter(now)) {
      return v.activity();
    }
    List<ActivityProfile> profiles = members.stream().sorted().limit(MAX_CLUSTER_DEVICES).map(this::profile)
        .toList();
    List<ActivityPair> pairs = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      for (int j = i + 1; j < profiles.size(); j++) {
        ActivityPair p = ActivityPair.compare(profiles.get(i), profiles.get(j));
        if (p.days() >= ActivityPair.MIN_DAYS) {
          pairs.add(p);
        }
      }
    }
    ClusterActivity activity = new ClusterActivity(pairs, profiles.size());
    clusters.put(Set.copyOf(members), new Verdict(activity, now));
    return activity;
  }

  /**
   * The working-hours alert for {@code o}, checked at most once per device per UTC day (the history
   * grows by a day a day); empty when not checked, when the roster claims no zone, or when the
   * hours fit.
   */
  Optional<Alert> workingHours(DeviceObservation o, RosterEntry claim, Function<String, String> describe,
      BiFunction<String, Instant, Instant> firstSeen) {
    if (claim == null || claim.claimedTimezone() == null) {
      return Optional.empty();
    }
    long today = ActivityDays.epochDay(clock.instant());
    if (Objects.equals(hoursCheckedOn.put(o.deviceId(), today), today)) {
      return Optional.empty();
    }
    return WorkingHours.check(profile(o.deviceId()), claim.claimedTimezone()).map(w -> {
      String id = AlertIds.of(AlertKind.WORKING_HOURS, o.deviceId());
      return new Alert(id, AlertKind.WORKING_HOURS, Severity.MEDIUM, 0.5, List.of(o.deviceId()),
          List.of(new Evidence(Signal.WORKING_HOURS_VS_ROSTER, String.format(java.util.Locale.ROOT, "%.2f",
              w.nightShare()), List.of(o.deviceId()), o.seenAt(), o.seenAt(), w.describe())),
          describe.apply(o.deviceId()) + ": " + w.describe() + ". Whoever uses this laptop keeps the hours of "
              + WorkingHours.offsetName(w.fitOffsetMinutes()) + ", not of " + claim.claimedTimezone()
              + ", where " + claim.employee() + " claims to work; unless " + claim.employee()
              + " works nights, confirm who is at the keyboard.",
          firstSeen.apply(id, o.seenAt()), o.seenAt());
    });
  }

  /**
   * The full pass's share: forgets stale cluster verdicts, and returns alerts for groups of
   * controlled devices one operator drives in turn with no network tie between them. Reads the
   * history of controlled devices only.
   */
  List<AlertDraft> fullPass(Collection<DeviceObservation> fleet, Function<DeviceObservation, RosterEntry> roster,
      Function<String, String> describe, BiFunction<String, Instant, Instant> firstSeen) {
    clusters.values().removeIf(v -> v.at().plus(refresh.multipliedBy(2)).isBefore(clock.instant()));
    List<AlertDraft> out = new ArrayList<>();
    for (SharedOperators.Group g : operators.find(fleet, this::profile)) {
      out.add(operatorAlert(g, roster, describe, firstSeen));
    }
    SharedOperators.Work w = operators.lastWork();
    LOG.info("shared-operator search: {} controlled devices read, {} driven on {} days or more, {} index entries"
        + " visited, {} pairs compared, {} groups", w.candidates(), w.driven(), ActivityPair.MIN_DAYS, w.probes(),
        w.pairsCompared(), out.size());
    SharedOperators.Bounds b = operators.bounds();
    if (w.candidates() >= b.candidates() || w.probes() >= b.probes() || w.pairsCompared() >= b.pairs()) {
      LOG.warn("shared-operator search reached a bound (at most {} devices read, {} index entries, {} pairs);"
          + " allowlist a remote-access tool the company uses everywhere", b.candidates(), b.probes(), b.pairs());
    }
    return out;
  }

  SharedOperators.Work lastOperatorWork() {
    return operators.lastWork();
  }

  private AlertDraft operatorAlert(SharedOperators.Group g, Function<DeviceObservation, RosterEntry> roster,
      Function<String, String> describe, BiFunction<String, Instant, Instant> firstSeen) {
    List<String> ids = g.devices().stream().map(DeviceObservation::deviceId).toList();
    List<Object> content = new ArrayList<>(List.of(ids, g.activity()));
    for (DeviceObservation o : g.devices()) {
      content.add(Optional.ofNullable(roster.apply(o)));
      content.add(o.controls());
    }
    Instant last = g.devices().stream().map(DeviceObservation::seenAt).max(Instant::compareTo).orElseThrow();
    return new AlertDraft(AlertIds.of(AlertKind.SHARED_OPERATOR, ids.get(0)), content, last,
        () -> operatorAlert(g, ids, roster, describe, firstSeen));
  }

  private Alert operatorAlert(SharedOperators.Group g, List<String> ids,
      Function<DeviceObservation, RosterEntry> roster, Function<String, String> describe,
      BiFunction<String, Instant, Instant> firstSeen) {
    Set<String> employees = new TreeSet<>();
    Set<String> places = new TreeSet<>();
    for (DeviceObservation o : g.devices()) {
      RosterEntry e = roster.apply(o);
      employees.add(e == null ? "?" + o.deviceId() : e.employee());
      if (e != null && (e.claimedRegion() != null || e.claimedCountry() != null)) {
        places.add(e.claimedRegion() != null ? e.claimedRegion() : e.claimedCountry());
      }
    }
    boolean oneEmployee = employees.size() == 1 && !employees.iterator().next().startsWith("?");
    Severity severity = oneEmployee ? Severity.INFO
        : ids.size() >= 3 || places.size() > 1 ? Severity.HIGH : Severity.MEDIUM;
    double score = oneEmployee ? 0.2 : severity == Severity.HIGH ? 0.8 : 0.6;
    List<Evidence> evidence = new ArrayList<>();
    Instant first = g.devices().stream().map(DeviceObservation::seenAt).min(Instant::compareTo).orElseThrow();
    Instant last = g.devices().stream().map(DeviceObservation::seenAt).max(Instant::compareTo).orElseThrow();
    g.activity().pairs().stream().filter(p -> p.ratio() <= ActivityPair.INTERLEAVED_AT_MOST)
        .limit(FarmAssessment.MAX_LISTED).forEach(p -> evidence.add(new Evidence(
        Signal.INTERLEAVED_ACTIVITY, String.format(java.util.Locale.ROOT, "%.2f", p.ratio()),
        List.of(p.deviceA(), p.deviceB()), first, last, p.describe())));
    List<String> controls = new ArrayList<>();
    for (DeviceObservation o : g.devices().subList(0, Math.min(g.devices().size(), FarmAssessment.MAX_LISTED))) {
      o.controls().stream().filter(c -> SharedOperators.OPERATOR_SIGNALS.contains(c.signal())).findFirst()
          .ifPresent(c -> {
            evidence.add(new Evidence(c.signal(), c.name(), List.of(o.deviceId()), o.seenAt(), o.seenAt(),
                c.severity().name()));
            controls.add(c.name());
          });
    }
    String id = AlertIds.of(AlertKind.SHARED_OPERATOR, ids.get(0));
    List<String> named = ids.stream().limit(FarmAssessment.MAX_LISTED).map(describe).toList();
    StringBuilder s = new StringBuilder();
    s.append(ids.size()).append(" laptops ").append(String.join(", ", named))
        .append(ids.size() > named.size() ? " and " + (ids.size() - named.size()) + " more" : "")
        .append(" are used in turn, almost never at the same minute, though nothing on the network ties them (")
        .append(g.activity().describe()).append("). Each can be driven from elsewhere (")
        .append(String.join(", ", new TreeSet<>(controls))).append(").");
    if (oneEmployee) {
      s.append(" All are issued to the same employee, which may explain it (one person working remotely on their"
          + " own machines).");
    } else {
      if (places.size() > 1) {
        s.append(" Their employees claim ").append(places.size()).append(" different locations (")
            .append(String.join(", ", places)).append(").");
      }
      s.append(" One operator appears to work all of them remotely; confirm with each employee who uses the laptop"
          + " and why the remote-access path is there.");
    }
    return new Alert(id, AlertKind.SHARED_OPERATOR, severity, score, ids, List.copyOf(evidence), s.toString(),
        firstSeen.apply(id, first), last);
  }
}
