package io.farmwatch.collector.correlate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Correlates the fleet's latest observations into alerts: laptop farms (devices co-located by
 * strong evidence), remote control of single devices, identity anomalies and silent agents.
 *
 * <p>Indexes map each signal value (gateway MAC, BSSID, NIC MAC) to the devices that show it, so an
 * incoming report re-evaluates only the cluster it touches. Not thread-safe: the collector feeds it
 * from one thread.
 */
public final class CorrelationEngine {

  private final CorrelationSettings settings;
  private final AlertStore store;
  private final Clock clock;
  private final Map<String, DeviceObservation> latest = new HashMap<>();
  private final Map<String, Set<String>> index = new HashMap<>();
  private final Map<String, String> firstFingerprint = new HashMap<>();
  private final Map<String, RosterEntry> roster = new HashMap<>();
  private final Map<String, String> farmOfDevice = new HashMap<>();
  private final Map<String, Alert> alerts = new HashMap<>();

  public CorrelationEngine(CorrelationSettings settings, AlertStore store, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.clock = clock;
  }

  public void setRoster(Collection<RosterEntry> entries) {
    roster.clear();
    entries.forEach(e -> roster.put(e.deviceKey(), e));
  }

  /** Takes a device's newest observation and updates every alert it touches. */
  public void observe(DeviceObservation o) {
    DeviceObservation previous = latest.put(o.deviceId(), o);
    if (previous != null) {
      keys(previous).forEach(k -> removeFromIndex(k, o.deviceId()));
      if (previous.fingerprint() != null) {
        removeFromIndex("fp:" + previous.fingerprint(), o.deviceId());
      }
    }
    keys(o).forEach(k -> index.computeIfAbsent(k, x -> new HashSet<>()).add(o.deviceId()));
    if (o.fingerprint() != null) {
      index.computeIfAbsent("fp:" + o.fingerprint(), x -> new HashSet<>()).add(o.deviceId());
      firstFingerprint.putIfAbsent(o.deviceId(), o.fingerprint());
    }
    Set<String> touched = new HashSet<>(component(o.deviceId()));
    String formerFarm = farmOfDevice.get(o.deviceId());
    if (formerFarm != null && alerts.containsKey(formerFarm)) {
      touched.addAll(alerts.get(formerFarm).deviceIds());
    }
    Set<String> done = new HashSet<>();
    for (String d : touched) {
      if (done.add(d)) {
        Set<String> members = component(d);
        done.addAll(members);
        evaluateFarm(members);
      }
    }
    evaluateDevice(o);
    if (o.fingerprint() != null) {
      evaluateDuplicate(o.fingerprint());
    }
  }

  /** Re-evaluates everything: every cluster, every device, and which agents went silent. */
  public void fullPass() {
    Set<String> done = new HashSet<>();
    for (String d : new ArrayList<>(latest.keySet())) {
      if (!done.contains(d)) {
        Set<String> members = component(d);
        done.addAll(members);
        evaluateFarm(members);
      }
    }
    Instant silentBefore = clock.instant().minus(settings.silentAfter());
    for (DeviceObservation o : latest.values()) {
      evaluateDevice(o);
      if (o.seenAt().isBefore(silentBefore)) {
        save(new Alert("silent-" + o.deviceId(), "AGENT_SILENT", "MEDIUM", 0.5, List.of(o.deviceId()),
            List.of(new Evidence("LAST_REPORT", "context", o.seenAt().toString(), List.of(o.deviceId()),
                o.seenAt(), o.seenAt(), null)),
            "The agent on " + describe(o.deviceId()) + " has not reported since " + o.seenAt()
                + ". An uninstalled or blocked agent is how a farm operator hides a laptop; check whether"
                + " the laptop is still in use and who has it.",
            o.seenAt(), clock.instant()));
      }
    }
  }

  public Collection<Alert> alerts() {
    return alerts.values();
  }

  public int deviceCount() {
    return latest.size();
  }

  private static Set<String> keys(DeviceObservation o) {
    Set<String> keys = new LinkedHashSet<>();
    o.gatewayMacs().forEach(m -> keys.add("gw:" + m));
    o.bssids().forEach(m -> keys.add("bssid:" + m));
    o.ownMacs().forEach(m -> keys.add("own:" + m));
    o.neighborMacs().forEach(m -> keys.add("nbr:" + m));
    return keys;
  }

  private void removeFromIndex(String key, String deviceId) {
    Set<String> devices = index.get(key);
    if (devices != null) {
      devices.remove(deviceId);
      if (devices.isEmpty()) {
        index.remove(key);
      }
    }
  }

  /** Devices directly co-located with {@code d} by strong evidence at overlapping times. */
  private Set<String> neighbours(String d) {
    DeviceObservation o = latest.get(d);
    Set<String> out = new HashSet<>();
    if (o == null || settings.isOffice(o)) {
      return out;
    }
    for (String m : o.gatewayMacs()) {
      out.addAll(index.getOrDefault("gw:" + m, Set.of()));
    }
    for (String m : o.bssids()) {
      out.addAll(index.getOrDefault("bssid:" + m, Set.of()));
    }
    for (String m : o.neighborMacs()) {
      out.addAll(index.getOrDefault("own:" + m, Set.of()));
    }
    for (String m : o.ownMacs()) {
      out.addAll(index.getOrDefault("nbr:" + m, Set.of()));
    }
    out.remove(d);
    out.removeIf(e -> {
      DeviceObservation other = latest.get(e);
      return settings.isOffice(other)
          || Duration.between(other.seenAt(), o.seenAt()).abs().compareTo(settings.window()) > 0;
    });
    return out;
  }

  private Set<String> component(String start) {
    Set<String> seen = new TreeSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
    seen.add(start);
    while (!queue.isEmpty()) {
      for (String n : neighbours(queue.poll())) {
        if (seen.add(n)) {
          queue.add(n);
        }
      }
    }
    return seen;
  }

  private void evaluateFarm(Set<String> members) {
    String existing = members.stream().map(farmOfDevice::get).filter(id -> id != null && alerts.containsKey(id))
        .findFirst().orElse(null);
    if (members.size() < 2) {
      return;
    }
    FarmAssessment farm = new FarmAssessment(members, latest, roster, settings);
    String id = existing;
    if (id != null && "CLOSED_FALSE_POSITIVE".equals(store.status(id).orElse(null))) {
      if (farm.sameEvidenceAs(alerts.get(id))) {
        return; // an analyst ruled this exact evidence out
      }
      id = null;
    }
    Instant now = clock.instant();
    Instant first = id == null ? farm.firstSeen() : alerts.get(id).firstSeen();
    if (id == null) {
      id = "farm-" + Integer.toHexString(String.join(",", members).hashCode()) + "-" + now.toEpochMilli();
    }
    Alert alert = new Alert(id, "LAPTOP_FARM", farm.severity(first, now), farm.score(first, now),
        List.copyOf(members), farm.evidence(), farm.summary(this::describe), first, now);
    for (String d : members) {
      farmOfDevice.put(d, id);
    }
    save(alert);
  }

  private void evaluateDevice(DeviceObservation o) {
    if (!o.controls().isEmpty()) {
      List<Evidence> evidence = o.controls().stream().map(c -> new Evidence(c.kind(), "strong", c.name(),
          List.of(o.deviceId()), o.seenAt(), o.seenAt(), c.severity())).toList();
      boolean high = o.controls().stream().anyMatch(c -> c.severity().equals("HIGH") || c.severity().equals("CRITICAL"));
      String what = String.join(", ", o.controls().stream().map(c -> c.name() + " (" + c.kind() + ")").distinct().toList());
      save(new Alert("control-" + o.deviceId(), "REMOTE_CONTROL", high ? "HIGH" : "MEDIUM", high ? 0.8 : 0.5,
          List.of(o.deviceId()), evidence,
          describe(o.deviceId()) + " can be driven from elsewhere: " + what + ". Confirm with the employee"
              + " whether this tool is sanctioned; an unexplained remote-control path on an issued laptop is"
              + " how laptop-farm operators work.", existingFirst("control-" + o.deviceId(), o.seenAt()), o.seenAt()));
    }
    String first = firstFingerprint.get(o.deviceId());
    if (first != null && o.fingerprint() != null && !first.equals(o.fingerprint())) {
      save(new Alert("hwchange-" + o.deviceId(), "HARDWARE_CHANGED", "MEDIUM", 0.6, List.of(o.deviceId()),
          List.of(new Evidence("FINGERPRINT_CHANGED", "strong", o.fingerprint(), List.of(o.deviceId()),
              o.seenAt(), o.seenAt(), "was " + first)),
          "The hardware reporting as " + describe(o.deviceId()) + " changed (fingerprint " + shortFp(first)
              + " became " + shortFp(o.fingerprint()) + "): the agent's key may have been moved to another machine.",
          existingFirst("hwchange-" + o.deviceId(), o.seenAt()), o.seenAt()));
    }
    RosterEntry claim = rosterFor(o);
    if (claim != null) {
      List<String> contradictions = LocaleCheck.contradictions(claim, o);
      if (!contradictions.isEmpty()) {
        save(new Alert("locale-" + o.deviceId(), "LOCALE_MISMATCH", "MEDIUM", 0.5, List.of(o.deviceId()),
            List.of(new Evidence("LOCALE_VS_ROSTER", "context", String.join("; ", contradictions),
                List.of(o.deviceId()), o.seenAt(), o.seenAt(), null)),
            describe(o.deviceId()) + ": " + String.join("; ", contradictions) + ".",
            existingFirst("locale-" + o.deviceId(), o.seenAt()), o.seenAt()));
      }
    }
  }

  private void evaluateDuplicate(String fingerprint) {
    Set<String> devices = index.getOrDefault("fp:" + fingerprint, Set.of());
    if (devices.size() < 2) {
      return;
    }
    List<String> ids = new ArrayList<>(new TreeSet<>(devices));
    Instant now = clock.instant();
    save(new Alert("identity-" + fingerprint.substring(0, Math.min(16, fingerprint.length())), "DUPLICATE_HARDWARE",
        "HIGH", 0.8, ids, List.of(new Evidence("SAME_HARDWARE_FINGERPRINT", "strong", fingerprint, ids, now, now, null)),
        ids.size() + " enrollments report the same hardware (fingerprint " + shortFp(fingerprint) + "): "
            + String.join(", ", ids.stream().map(this::describe).toList())
            + ". One machine enrolled several times, or cloned, can stand in for several employees.",
        existingFirst("identity-" + fingerprint.substring(0, Math.min(16, fingerprint.length())), now), now));
  }

  private Instant existingFirst(String id, Instant fallback) {
    Alert a = alerts.get(id);
    return a == null ? fallback : a.firstSeen();
  }

  private void save(Alert alert) {
    Alert before = alerts.put(alert.id(), alert);
    if (before == null || !sameContent(before, alert)) {
      store.save(alert);
    }
  }

  private static boolean sameContent(Alert a, Alert b) {
    return a.severity().equals(b.severity()) && a.deviceIds().equals(b.deviceIds())
        && a.evidence().size() == b.evidence().size() && a.summary().equals(b.summary())
        && Duration.between(a.lastSeen(), b.lastSeen()).abs().toMinutes() < 10;
  }

  private RosterEntry rosterFor(DeviceObservation o) {
    RosterEntry e = roster.get(o.deviceId());
    return e != null || o.serial() == null ? e : roster.get(o.serial());
  }

  String describe(String deviceId) {
    DeviceObservation o = latest.get(deviceId);
    RosterEntry e = o == null ? roster.get(deviceId) : rosterFor(o);
    if (e == null) {
      return deviceId;
    }
    String where = String.join("/", java.util.stream.Stream.of(e.claimedCountry(), e.claimedRegion())
        .filter(s -> s != null).toList());
    return deviceId + " (" + e.employee() + (where.isEmpty() ? "" : ", claims " + where) + ")";
  }

  private static String shortFp(String fp) {
    return fp.substring(0, Math.min(12, fp.length()));
  }
}
