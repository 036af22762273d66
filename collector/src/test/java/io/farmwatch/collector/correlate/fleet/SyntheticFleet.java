package io.farmwatch.collector.correlate.fleet;

import io.farmwatch.collector.correlate.ControlSignal;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.collector.net.Cidr;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.correlate.Signal;
import io.farmwatch.protocol.report.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * A synthetic fleet with planted laptop farms hidden among the look-alikes that must not be
 * flagged: offices, carrier NAT, coworking spaces, couples, VPN exits and employees with two
 * laptops. Deterministic for a given seed.
 */
public final class SyntheticFleet {

  /** The fleet, the farms planted in it, and the settings a company would have configured. */
  public record Fleet(List<DeviceObservation> observations, List<Set<String>> farms, List<RosterEntry> roster,
      CorrelationSettings settings) {}

  static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
  static final long DAY_START = NOW.getEpochSecond() / 60 - 8 * 60;
  static final int WORKDAY_MINUTES = 8 * 60;

  private final Random random;
  private final List<DeviceObservation> out = new ArrayList<>();
  private final List<Set<String>> farms = new ArrayList<>();
  private final List<RosterEntry> roster = new ArrayList<>();
  private final List<Cidr> officeEgress = new ArrayList<>();
  private final Set<String> officeMacs = new HashSet<>();
  private long macCounter;
  private int deviceCounter;
  private int ipCounter;

  private SyntheticFleet(long seed) {
    this.random = new Random(seed);
  }

  public static Fleet generate(int size, long seed) {
    return new SyntheticFleet(seed).build(size);
  }

  private Fleet build(int size) {
    int farmDevices = size / 50;
    while (farmDevices > 0) {
      int n = 2 + random.nextInt(9);
      farm(n);
      farmDevices -= n;
    }
    int offices = Math.max(1, size / 500);
    for (int i = 0; i < offices; i++) {
      office(20 + random.nextInt(60), i % 2 == 0);
    }
    for (int i = 0; i < size / 100; i++) {
      coworking(5 + random.nextInt(15));
    }
    for (int i = 0; i < size / 40; i++) {
      household(2);
    }
    for (int i = 0; i < size / 200; i++) {
      twoLaptopsOneEmployee();
    }
    String[] vpnExits = new String[50];
    for (int i = 0; i < vpnExits.length; i++) {
      vpnExits[i] = nextIp();
    }
    String[] cgnat = new String[Math.max(1, size / 400)];
    for (int i = 0; i < cgnat.length; i++) {
      cgnat[i] = nextIp();
    }
    while (out.size() < size) {
      int kind = random.nextInt(10);
      String egress = kind < 2 ? vpnExits[random.nextInt(vpnExits.length)]
          : kind < 5 ? cgnat[random.nextInt(cgnat.length)] : nextIp();
      single(egress, kind < 2 ? "NordVPN" : null);
    }
    return new Fleet(out, farms, roster, new CorrelationSettings(officeEgress, officeMacs, Duration.ofHours(24),
        Duration.ofDays(2), Severity.INFO, CorrelationSettings.DEFAULT_HISTORY));
  }

  private String nextMac() {
    long m = ++macCounter;
    return String.format("0a:%02x:%02x:%02x:%02x:%02x", (m >> 32) & 0xff, (m >> 24) & 0xff, (m >> 16) & 0xff,
        (m >> 8) & 0xff, m & 0xff);
  }

  private String nextIp() {
    int n = ++ipCounter;
    return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
  }

  private String nextId() {
    return String.format("dev-%06d", ++deviceCounter);
  }

  private DeviceObservation device(String id, String egress, String gatewayMac, String bssid, long[] active,
      List<ControlSignal> controls, String vpn) {
    Set<String> own = Set.of(nextMac());
    Set<String> neighbors = gatewayMac == null ? Set.of() : Set.of(gatewayMac);
    return new DeviceObservation(id, NOW.minusSeconds(random.nextInt(3600)), egress,
        gatewayMac == null ? Set.of() : Set.of(gatewayMac), bssid == null ? Set.of() : Set.of(bssid), neighbors, own,
        Set.of("192.168.1.1"), "fp-" + id, "SN-" + id, "America/Chicago", List.of(), controls, vpn, active);
  }

  /** A person working: active in about 60% of the minutes of their day. */
  private long[] person() {
    return LongStream.range(0, WORKDAY_MINUTES).filter(m -> random.nextDouble() < 0.6).map(m -> DAY_START + m)
        .toArray();
  }

  /** One operator rotating across n laptops in stints of a few minutes: never two at once. */
  private List<long[]> operator(int n) {
    List<List<Long>> minutes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      minutes.add(new ArrayList<>());
    }
    int m = 0;
    while (m < WORKDAY_MINUTES) {
      int laptop = random.nextInt(n);
      int stint = 2 + random.nextInt(8);
      for (int k = 0; k < stint && m < WORKDAY_MINUTES; k++, m++) {
        if (random.nextDouble() < 0.9) {
          minutes.get(laptop).add(DAY_START + m);
        }
      }
      m += random.nextInt(3);
    }
    return minutes.stream().map(l -> l.stream().mapToLong(Long::longValue).toArray()).toList();
  }

  private void farm(int n) {
    String gw = nextMac();
    String egress = random.nextBoolean() ? nextIp() : null;
    List<long[]> activity = operator(n);
    Set<String> members = new HashSet<>();
    String[] states = {"Texas", "Ohio", "Oregon", "Florida", "Iowa", "Maine", "Utah", "Idaho", "Nevada", "Kansas"};
    for (int i = 0; i < n; i++) {
      String id = nextId();
      members.add(id);
      List<ControlSignal> controls = random.nextDouble() < 0.5
          ? List.of(new ControlSignal(Signal.REMOTE_ACCESS, "AnyDesk", Severity.HIGH)) : List.of();
      String vpn = random.nextDouble() < 0.4 ? "Astrill VPN" : null;
      out.add(device(id, egress != null && vpn == null ? egress : nextIp(), gw, null, activity.get(i), controls, vpn));
      roster.add(new RosterEntry(id, "Employee " + id, "US", states[i % states.length], "America/Chicago"));
    }
    farms.add(members);
  }

  private void office(int n, boolean declareByEgress) {
    String gw = nextMac();
    String bssid = nextMac();
    String egress = nextIp();
    if (declareByEgress) {
      officeEgress.add(Cidr.parse(egress + "/32"));
    } else {
      officeMacs.add(gw);
    }
    for (int i = 0; i < n; i++) {
      out.add(device(nextId(), egress, gw, bssid, person(), List.of(), null));
    }
  }

  private void coworking(int n) {
    String bssid = nextMac();
    String gw = nextMac();
    String egress = nextIp();
    for (int i = 0; i < n; i++) {
      out.add(device(nextId(), egress, gw, bssid, person(), List.of(), null));
    }
  }

  private void household(int n) {
    String gw = nextMac();
    String egress = nextIp();
    for (int i = 0; i < n; i++) {
      out.add(device(nextId(), egress, gw, null, person(), List.of(), null));
    }
  }

  /** A single home, possibly behind carrier NAT or a VPN whose exit many others share. */
  private void single(String egress, String vpn) {
    out.add(device(nextId(), egress, nextMac(), random.nextBoolean() ? nextMac() : null, person(), List.of(), vpn));
  }

  private void twoLaptopsOneEmployee() {
    String gw = nextMac();
    String egress = nextIp();
    String employee = "Employee two-laptops-" + deviceCounter;
    for (int i = 0; i < 2; i++) {
      String id = nextId();
      // One person on two machines: they interleave, like an operator, but the roster explains it.
      out.add(device(id, egress, gw, null, i == 0 ? person() : new long[0], List.of(), null));
      roster.add(new RosterEntry(id, employee, "US", "Texas", "America/Chicago"));
    }
  }
}
