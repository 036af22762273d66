package io.farmwatch.collector.egress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a device's egress says, in plain words: a hosting or VPN exit with no VPN client on the
 * laptop (the VPN sits on the router), a country the employee does not claim, and several fleet
 * machines leaving through one exit or provider at the same times. The company's own exits never
 * count. Thread-safe.
 *
 * @param minProviderDevices devices sharing one hosting/VPN provider (not one address) before it counts
 */
public record EgressSignals(EgressClassifier classifier, CompanyExits companyExits, int minProviderDevices) {

  /** One clue about one device. */
  public record Clue(Kind kind, String value, String detail) {}

  public enum Kind {
    ROUTER_VPN,
    COUNTRY
  }

  /** Where a device's report came from, and when. */
  public record Sighting(String deviceId, String egress, Instant seenAt) {}

  /** Devices leaving through one hosting/VPN exit or provider within one window. */
  public record SharedExit(String key, String description, List<String> deviceIds, Instant first, Instant last) {}

  public EgressSignals {
    if (minProviderDevices < 2) {
      throw new IllegalArgumentException("a shared provider needs at least 2 devices");
    }
  }

  /**
   * The clues in one device's egress.
   *
   * @param vpnClient the VPN client or tunnel the agent found, or null when it found none
   * @param claimedCountry the roster's ISO country code, or null
   */
  public List<Clue> device(String egress, String vpnClient, String claimedCountry) {
    if (egress == null || companyExits.contains(egress)) {
      return List.of();
    }
    EgressClass c = classifier.classify(egress);
    if (!c.known()) {
      return List.of();
    }
    List<Clue> out = new ArrayList<>();
    if (c.hosting() != null && vpnClient == null) {
      out.add(new Clue(Kind.ROUTER_VPN, egress, "reports arrive from " + egress + ", on " + c.network()
          + (c.country() == null ? "" : " in " + c.country()) + ", which the " + c.hosting().source()
          + " holds, yet the agent sees no VPN client or tunnel on the laptop: the VPN runs on the router"
          + " or another box in front of it"));
    }
    if (claimedCountry != null && c.country() != null && !c.country().equalsIgnoreCase(claimedCountry.strip())) {
      out.add(new Clue(Kind.COUNTRY, c.country(), "reports arrive from " + egress + " (" + c.network() + "), which"
          + " the country database places in " + c.country() + ", not " + claimedCountry.strip().toUpperCase(Locale.ROOT)
          + (c.hosting() == null ? "" : "; it is a hosting/VPN exit, so the laptop itself may be anywhere")));
    }
    return out;
  }

  /** Hosting/VPN exits and providers several devices used within {@code window} of each other. */
  public List<SharedExit> shared(List<Sighting> sightings, Duration window) {
    Map<String, List<Sighting>> byExit = new LinkedHashMap<>();
    Map<String, List<Sighting>> byProvider = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (Sighting s : sightings) {
      if (s.egress() == null || companyExits.contains(s.egress())) {
        continue;
      }
      EgressClass c = classifier.classify(s.egress());
      if (!c.known() || c.hosting() == null) {
        continue;
      }
      byExit.computeIfAbsent("address " + s.egress(), k -> new ArrayList<>()).add(s);
      names.put("address " + s.egress(), "the exit " + s.egress() + " (" + c.network() + ", " + c.hosting().source() + ")");
      if (c.asn() != 0) {
        byProvider.computeIfAbsent("AS" + c.asn(), k -> new ArrayList<>()).add(s);
        names.put("AS" + c.asn(), "the provider " + c.network() + " (" + c.hosting().source() + ")");
      }
    }
    List<SharedExit> out = new ArrayList<>();
    byExit.forEach((key, list) -> together(list, window, 2).ifPresent(g -> out.add(shared(key, names.get(key), g))));
    byProvider.forEach((key, list) -> together(list, window, minProviderDevices)
        .ifPresent(g -> out.add(shared(key, names.get(key), g))));
    return out;
  }

  /** The largest group of distinct devices seen within one window, when it has at least {@code min}. */
  private static Optional<List<Sighting>> together(List<Sighting> list, Duration window, int min) {
    if (list.size() < min) {
      return Optional.empty();
    }
    List<Sighting> sorted = list.stream().sorted(Comparator.comparing(Sighting::seenAt)).toList();
    List<Sighting> best = List.of();
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (Duration.between(sorted.get(from).seenAt(), sorted.get(to).seenAt()).compareTo(window) > 0) {
        from++;
      }
      List<Sighting> group = sorted.subList(from, to + 1);
      if (distinct(group) > distinct(best)) {
        best = List.copyOf(group);
      }
    }
    return distinct(best) >= min ? Optional.of(best) : Optional.empty();
  }

  private static long distinct(List<Sighting> group) {
    return group.stream().map(Sighting::deviceId).distinct().count();
  }

  private static SharedExit shared(String key, String name, List<Sighting> group) {
    List<String> ids = List.copyOf(new TreeSet<>(group.stream().map(Sighting::deviceId).toList()));
    Instant first = group.get(0).seenAt(); // the group is in time order
    Instant last = group.get(group.size() - 1).seenAt();
    return new SharedExit(key, ids.size() + " fleet machines left through " + name + " between " + first + " and "
        + last, ids, first, last);
  }
}
