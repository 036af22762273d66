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
import java.util.Map;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.correlate.ActivityHistory;
import io.farmwatch.collector.correlate.Timeline;
import io.farmwatch.collector.correlate.Traces;

/**
 * A synthetic fleet with planted laptop farms hidden among the look-alikes that must not be
 * flagged: offices, carrier NAT, coworking spaces, couples, VPN exits and employees with two
 * laptops. Also planted: operators driving 3 to 6 remotely controlled laptops in different homes
 * (among people who use a remote-access tool legitimately, one in ten of them over a remote session
 * most days) and laptops worked at UTC+9 whose
 * employees claim Chicago. Deterministic for a given seed.
 *
 * <p>Each device's 14 days of history are generated from a seed when the engine reads them, as a
 * database would hand them over, so the fleet's size is not bounded by holding every history in the
 * heap.
 */
public final class SyntheticFleet {

  /** The fleet, the farms planted in it, and the settings a company would have configured. */
  public record Fleet(List<DeviceObservation> observations, List<Set<String>> farms, List<Set<String>> operators,
      Set<String> nightWorkers, List<RosterEntry> roster, CorrelationSettings settings, History history) {}

  /**
   * How one device's history is generated: a person (who works on it remotely on a share of days), or
   * one laptop of an operator's several.
   */
  private record Recipe(long seed, int offsetMinutes, int laptops, int index, boolean remote, double remoteDays) {
    Recipe(long seed, int offsetMinutes, int laptops, int index, boolean remote) {
      this(seed, offsetMinutes, laptops, index, remote, 0);
    }

    List<ActivityDay> days(String deviceId) {
      SplittableRandom r = new SplittableRandom(seed);
      Timeline t = laptops == 0 ? Traces.remoteOnSomeDays(r, Traces.person(r, FIRST_DAY, DAYS, offsetMinutes), remoteDays)
          : Traces.operator(r, FIRST_DAY, DAYS, offsetMinutes, laptops, remote)[index];
      return t.days(deviceId);
    }
  }

  /** The fleet's history, generated on read; counts the reads and the time they took. */
  public static final class History implements ActivityHistory {
    private final Map<String, Recipe> recipes = new HashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public List<ActivityDay> days(String deviceId, long fromEpochDay, long toEpochDay) {
      long t0 = System.nanoTime();
      reads.incrementAndGet();
      Recipe recipe = recipes.get(deviceId);
      List<ActivityDay> out = recipe == null ? List.of() : recipe.days(deviceId).stream()
          .filter(d -> d.epochDay() >= fromEpochDay && d.epochDay() <= toEpochDay).toList();
      nanos.addAndGet(System.nanoTime() - t0);
      return out;
    }

    public long reads() {
      return reads.get();
    }

    public long nanos() {
      return nanos.get();
    }

    public void resetCounts() {
      reads.set(0);
      nanos.set(0);
    }
  }

  static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");
  static final int DAYS = 14;
  static final long FIRST_DAY = NOW.getEpochSecond() / 86_400 - DAYS + 1;
  static final int CHICAGO = -6 * 60;
  static final int SEOUL = 9 * 60;
  static final List<ControlSignal> ANYDESK = List.of(new ControlSignal(Signal.REMOTE_ACCESS, "AnyDesk", Severity.HIGH));
  static final String[] STATES = {"Texas", "Ohio", "Oregon", "Florida", "Iowa", "Maine", "Utah", "Idaho", "Nevada",
      "Kansas"};

  private final Random random;
  private final List<DeviceObservation> out = new ArrayList<>();
  private final List<Set<String>> farms = new ArrayList<>();
  private final List<Set<String>> operators = new ArrayList<>();
  private final Set<String> nightWorkers = new HashSet<>();
  private final History history = new History();
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
    for (int i = 0; i < size / 2000; i++) {
      remoteOperator(3 + random.nextInt(4), i % 2 == 0 ? SEOUL : CHICAGO);
    }
    for (int i = 0; i < size / 100; i++) {
      remoteWorker();
    }
    for (int i = 0; i < size / 1000; i++) {
      nightWorker();
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
    return new Fleet(out, farms, operators, nightWorkers, roster, new CorrelationSettings(officeEgress, officeMacs,
        Duration.ofHours(24), Duration.ofDays(2), Severity.INFO, CorrelationSettings.DEFAULT_HISTORY), history);
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

  private DeviceObservation device(String id, String egress, String gatewayMac, String bssid, Recipe activity,
      List<ControlSignal> controls, String vpn) {
    history.recipes.put(id, activity);
    Set<String> own = Set.of(nextMac());
    Set<String> neighbors = gatewayMac == null ? Set.of() : Set.of(gatewayMac);
    return new DeviceObservation(id, NOW.minusSeconds(random.nextInt(3600)), egress,
        gatewayMac == null ? Set.of() : Set.of(gatewayMac), bssid == null ? Set.of() : Set.of(bssid), neighbors, own,
        Set.of("192.168.1.1"), "fp-" + id, "SN-" + id, "America/Chicago", List.of(), controls, vpn, null, null);
  }

  /** A person working Chicago hours. */
  private Recipe person() {
    return new Recipe(random.nextLong(), CHICAGO, 0, 0, false);
  }

  private void farm(int n) {
    String gw = nextMac();
    String egress = random.nextBoolean() ? nextIp() : null;
    long operator = random.nextLong();
    Set<String> members = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String id = nextId();
      members.add(id);
      List<ControlSignal> controls = random.nextDouble() < 0.5 ? ANYDESK : List.of();
      String vpn = random.nextDouble() < 0.4 ? "Astrill VPN" : null;
      out.add(device(id, egress != null && vpn == null ? egress : nextIp(), gw, null,
          new Recipe(operator, CHICAGO, n, i, false), controls, vpn));
      roster.add(new RosterEntry(id, "Employee " + id, "US", STATES[i % STATES.length], "America/Chicago"));
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
    long person = random.nextLong();
    for (int i = 0; i < 2; i++) {
      String id = nextId();
      // One person on two machines: they interleave, like an operator, but the roster explains it.
      out.add(device(id, egress, gw, null, new Recipe(person, CHICAGO, 2, i, false), List.of(), null));
      roster.add(new RosterEntry(id, employee, "US", "Texas", "America/Chicago"));
    }
  }

  /** One operator driving laptops in different homes, each with AnyDesk, from wherever he works. */
  private void remoteOperator(int n, int offset) {
    long operator = random.nextLong();
    Set<String> members = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String id = nextId();
      members.add(id);
      out.add(device(id, nextIp(), nextMac(), null, new Recipe(operator, offset, n, i, true), ANYDESK, null));
      roster.add(new RosterEntry(id, "Employee " + id, "US", STATES[i % STATES.length], "America/Chicago"));
      if (offset == SEOUL) {
        nightWorkers.add(id);
      }
    }
    operators.add(members);
  }

  /**
   * Someone who really works with a remote-access tool on their own laptop, the operator's look-alike:
   * one in ten works on it over a remote session most days, the rest on a day now and then.
   */
  private void remoteWorker() {
    String id = nextId();
    double remoteDays = random.nextInt(10) == 0 ? 0.9 : 0.15;
    out.add(device(id, nextIp(), nextMac(), null, new Recipe(random.nextLong(), CHICAGO, 0, 0, false, remoteDays),
        ANYDESK, null));
    roster.add(new RosterEntry(id, "Employee " + id, "US", STATES[random.nextInt(STATES.length)], "America/Chicago"));
  }

  /** A laptop worked in Seoul's daytime by someone the roster places in Chicago. */
  private void nightWorker() {
    String id = nextId();
    out.add(device(id, nextIp(), nextMac(), null, new Recipe(random.nextLong(), SEOUL, 0, 0, false), List.of(), null));
    roster.add(new RosterEntry(id, "Employee " + id, "US", "Illinois", "America/Chicago"));
    nightWorkers.add(id);
  }
}
