package io.farmwatch.collector.correlate;

import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.protocol.report.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Weighs one cluster of co-located devices: which signals tie them, whether one person seems to
 * drive them in turn, whether they are under remote control, and what the roster says.
 */
final class FarmAssessment {

  /**
   * Evidence entries listed per signal, and devices named in the summary; the rest is counted in a
   * "+N more" entry, so made-up values cannot grow an alert past what a sink can carry.
   */
  static final int MAX_LISTED = 16;

  private final List<String> members;
  private final Map<String, DeviceObservation> observations = new HashMap<>();
  private final Map<String, RosterEntry> roster;
  private final List<Evidence> evidence = new ArrayList<>();
  private final Set<String> strongSignals = new LinkedHashSet<>();
  private int controlled;
  private int vpns;
  private final ClusterActivity activity;
  private boolean sameAssignee;
  private final Severity sameAssigneeSeverity;

  FarmAssessment(Set<String> members, Map<String, DeviceObservation> latest, Map<String, RosterEntry> roster,
      CorrelationSettings settings, ClusterActivity activity) {
    this.activity = activity;
    this.sameAssigneeSeverity = settings.sameAssigneeSeverity();
    this.members = List.copyOf(members);
    this.roster = roster;
    members.forEach(m -> observations.put(m, latest.get(m)));
    shared(Signal.SAME_GATEWAY_MAC, DeviceObservation::gatewayMacs);
    shared(Signal.SAME_WIFI_BSSID, DeviceObservation::bssids);
    adjacency();
    shared(Signal.SAME_EGRESS, o -> o.egress() == null ? Set.of() : Set.of(o.egress()));
    shared(Signal.SAME_PRIVATE_GATEWAY_IP, DeviceObservation::gatewayIps);
    for (String m : members) {
      DeviceObservation o = observations.get(m);
      for (ControlSignal c : o.controls()) {
        evidence.add(new Evidence(c.signal(), c.name(), List.of(m), o.seenAt(), o.seenAt(), c.severity().name()));
      }
      controlled += o.controls().isEmpty() ? 0 : 1;
      if (o.vpn() != null) {
        vpns++;
        evidence.add(new Evidence(Signal.VPN, o.vpn(), List.of(m), o.seenAt(), o.seenAt(), "location hidden"));
      }
    }
    Set<String> employees = new TreeSet<>();
    for (String m : members) {
      RosterEntry e = rosterFor(m);
      employees.add(e == null ? "?" + m : e.employee());
    }
    sameAssignee = employees.size() == 1 && !employees.iterator().next().startsWith("?");
  }

  private RosterEntry rosterFor(String deviceId) {
    DeviceObservation o = observations.get(deviceId);
    RosterEntry e = roster.get(deviceId);
    return e != null || o == null || o.serial() == null ? e : roster.get(o.serial());
  }

  private void shared(Signal signal, Function<DeviceObservation, Set<String>> values) {
    Map<String, List<String>> byValue = new HashMap<>();
    for (String m : members) {
      values.apply(observations.get(m)).forEach(v -> byValue.computeIfAbsent(v, k -> new ArrayList<>()).add(m));
    }
    byValue.entrySet().stream().filter(e -> e.getValue().size() > 1).sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          evidence.add(new Evidence(signal, e.getKey(), e.getValue(), first(e.getValue()), last(e.getValue()),
              null));
          if (signal.strength() == Signal.Strength.STRONG) {
            strongSignals.add(signal + ":" + e.getKey());
          }
        });
  }

  private void adjacency() {
    Map<String, String> owner = new HashMap<>();
    members.forEach(m -> observations.get(m).ownMacs().forEach(mac -> owner.put(mac, m)));
    for (String m : members) {
      for (String mac : observations.get(m).neighborMacs()) {
        String other = owner.get(mac);
        if (other != null && !other.equals(m)) {
          evidence.add(new Evidence(Signal.LAN_ADJACENCY, mac, List.of(m, other), first(List.of(m, other)),
              last(List.of(m, other)), m + " sees " + other + "'s network card in its neighbour table"));
          strongSignals.add(Signal.LAN_ADJACENCY + ":" + mac);
        }
      }
    }
  }

  /**
   * One entry per pair the history could judge, then the verdict over all of them: formatted only
   * when the alert is built to be saved, since the cluster's activity verdict is reused for an hour.
   */
  private List<Evidence> activityEvidence() {
    if (!activity.measured()) {
      return List.of();
    }
    List<Evidence> out = new ArrayList<>();
    // The pairs with the most evidence are listed; the verdict entry below speaks for all of them.
    activity.pairs().stream()
        .filter(p -> p.verdict() == ActivityPair.Verdict.INTERLEAVED || p.verdict() == ActivityPair.Verdict.OVERLAPPING)
        .sorted(java.util.Comparator.comparingDouble(ActivityPair::expected).reversed()).limit(MAX_LISTED - 1)
        .forEach(p -> {
          List<String> pair = List.of(p.deviceA(), p.deviceB());
          out.add(new Evidence(p.verdict() == ActivityPair.Verdict.INTERLEAVED ? Signal.INTERLEAVED_ACTIVITY
              : Signal.OVERLAPPING_ACTIVITY, String.format(Locale.ROOT, "%.2f", p.ratio()), pair, first(pair),
              last(pair), p.describe()));
        });
    Signal verdict = interleaved() ? Signal.INTERLEAVED_ACTIVITY
        : separatePeople() ? Signal.OVERLAPPING_ACTIVITY : null;
    if (verdict != null) {
      out.add(new Evidence(verdict, String.format(Locale.ROOT, "%.2f", activity.ratio()), members,
          first(members), last(members), "all measured pairs: " + activity.describe()));
    }
    return out;
  }

  /**
   * What the alert's text is made of, without making the text: the members, what the roster says of
   * them, every evidence value and the activity figures. Two assessments with equal content give
   * the same alert but for its times, so the engine formats evidence and summary only when it changed.
   */
  List<Object> content(Severity severity, double score) {
    List<Object> content = new ArrayList<>();
    content.add(severity);
    content.add(score);
    content.add(members);
    content.add(activity);
    for (Evidence e : evidence) {
      content.add(Arrays.asList(e.signal(), e.value(), e.deviceIds(), e.detail()));
    }
    for (String m : members) {
      content.add(Optional.ofNullable(rosterFor(m)));
    }
    return content;
  }

  boolean interleaved() {
    return activity.interleaved();
  }

  /** Two people busy at the same time, as in a shared household or flat. */
  boolean separatePeople() {
    return activity.overlapping();
  }

  boolean sameEvidenceAs(Alert closed) {
    Set<String> before = new LinkedHashSet<>();
    closed.evidence().stream().filter(e -> e.strength() == Signal.Strength.STRONG)
        .forEach(e -> before.add(e.signal() + ":" + e.value()));
    return closed.deviceIds().containsAll(members) && before.containsAll(strongSignals);
  }

  double score(Instant firstSeen, Instant now) {
    double score = members.size() >= 3 ? 0.7 : 0.5;
    long signalKinds = strongSignals.stream().map(s -> s.substring(0, s.indexOf(':'))).distinct().count();
    score += 0.05 * (signalKinds - 1);
    score += interleaved() ? 0.15 : 0;
    score += controlled > 0 ? 0.1 : 0;
    score += vpns > 0 ? 0.05 : 0;
    score += Duration.between(firstSeen, now).toDays() >= 3 ? 0.1 : 0;
    score -= separatePeople() ? 0.3 : 0;
    return Math.max(0.05, Math.min(1.0, Math.round(score * 100) / 100.0));
  }

  Severity severity(Instant firstSeen, Instant now) {
    // People working side by side (a shared flat, a coworking space) are busy at the same time; an
    // operator is not, unless something drives the laptops for him, which the controls would show.
    if (sameAssignee) {
      return sameAssigneeSeverity;
    }
    if (separatePeople() && controlled == 0) {
      return Severity.INFO;
    }
    double s = score(firstSeen, now);
    return s >= 0.9 ? Severity.CRITICAL : s >= 0.75 ? Severity.HIGH : s >= 0.5 ? Severity.MEDIUM : Severity.LOW;
  }

  /** The evidence with at most {@link #MAX_LISTED} entries per signal, then one "+N more" entry. */
  List<Evidence> evidence() {
    Map<Signal, Integer> listed = new EnumMap<>(Signal.class);
    Map<Signal, List<Evidence>> omitted = new LinkedHashMap<>();
    List<Evidence> out = new ArrayList<>();
    List<Evidence> all = new ArrayList<>(evidence);
    all.addAll(activityEvidence());
    for (Evidence e : all) {
      if (listed.merge(e.signal(), 1, Integer::sum) <= MAX_LISTED) {
        out.add(e);
      } else {
        omitted.computeIfAbsent(e.signal(), k -> new ArrayList<>()).add(e);
      }
    }
    omitted.forEach((signal, rest) -> out.add(new Evidence(signal, rest.get(0).strength(), "+" + rest.size() + " more",
        List.of(), rest.stream().map(Evidence::firstSeen).min(Instant::compareTo).orElseThrow(),
        rest.stream().map(Evidence::lastSeen).max(Instant::compareTo).orElseThrow(),
        rest.size() + " more " + signal + " values not listed")));
    return List.copyOf(out);
  }

  Instant firstSeen() {
    return first(members);
  }

  String summary(Function<String, String> describe) {
    StringBuilder s = new StringBuilder();
    s.append(members.size()).append(" laptops ");
    s.append(listed(members.stream().map(describe).toList(), ", "));
    List<String> ties = new ArrayList<>();
    for (Evidence e : evidence) {
      switch (e.signal()) {
        case SAME_GATEWAY_MAC -> ties.add("one router (gateway MAC " + e.value() + ")");
        case SAME_WIFI_BSSID -> ties.add("one Wi-Fi access point (BSSID " + e.value() + ")");
        case LAN_ADJACENCY -> ties.add("one LAN (they see each other's network cards)");
        case SAME_EGRESS -> ties.add("one public address (" + e.value() + ")");
        default -> { }
      }
    }
    s.append(" share ").append(listed(ties.stream().distinct().toList(), " and ")).append('.');
    Set<String> claims = new TreeSet<>();
    for (String m : members) {
      RosterEntry e = rosterFor(m);
      if (e != null && (e.claimedRegion() != null || e.claimedCountry() != null)) {
        claims.add(e.claimedRegion() != null ? e.claimedRegion() : e.claimedCountry());
      }
    }
    if (claims.size() > 1) {
      s.append(" Their employees claim ").append(claims.size()).append(" different locations (")
          .append(String.join(", ", claims)).append(").");
    }
    if (sameAssignee) {
      s.append(" All are issued to the same employee, which explains the co-location.");
    } else if (separatePeople()) {
      s.append(" Their input activity overlaps in time, as separate people at separate keyboards would (")
          .append(activity.describe()).append("): possibly a shared household or a coworking space; confirm before"
              + " acting.");
    } else if (interleaved()) {
      s.append(" Their input activity interleaves, rarely overlapping (").append(activity.describe())
          .append("): one person appears to switch between them.");
    }
    if (controlled > 0) {
      s.append(' ').append(controlled).append(" of them can be driven remotely (remote-access tools, IP-KVM or similar).");
    }
    if (vpns > 0) {
      s.append(' ').append(vpns).append(" of them route through a VPN that hides where they are.");
    }
    if (!sameAssignee && !separatePeople()) {
      s.append(" Verify who physically holds each laptop; co-located issued laptops under one operator are the"
          + " pattern of a laptop farm.");
    }
    return s.toString();
  }

  /** The first {@link #MAX_LISTED} items joined, then how many more there are. */
  private static String listed(List<String> items, String separator) {
    return items.size() <= MAX_LISTED ? String.join(separator, items)
        : String.join(separator, items.subList(0, MAX_LISTED)) + separator + "+" + (items.size() - MAX_LISTED) + " more";
  }

  private Instant first(List<String> devices) {
    return devices.stream().map(d -> observations.get(d).seenAt()).min(Instant::compareTo).orElseThrow();
  }

  private Instant last(List<String> devices) {
    return devices.stream().map(d -> observations.get(d).seenAt()).max(Instant::compareTo).orElseThrow();
  }
}
