package io.farmwatch.collector.e2e;

import static io.farmwatch.collector.e2e.FarmEndToEndIT.java;
import static io.farmwatch.collector.e2e.FarmEndToEndIT.lastLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Operator multiplexing from real input: four real agents, each watching its own Xvfb display,
 * report to the real collector jar from network-namespace homes. xdotool drives the displays: one
 * operator takes turns on the two laptops of a farm home, never on both at once, while two
 * employees sharing a flat work at the same time. The agents run a test time scale (a simulated
 * minute lasts 25 ms) so the collector sees three days of per-minute history; its thresholds and code
 * path are the production ones, only its activity refresh is shortened.
 */
// Alone: its input is timed to 25 ms a simulated minute, and another IT's load would blur the turns.
@Isolated
class OperatorMultiplexingIT {

  /** Simulated milliseconds per real one: a simulated minute lasts 25 ms. */
  static final long SCALE = 2400;
  /** The operator's turn on one laptop, and the pause while changing laptops, in simulated minutes. */
  static final int TURN_MINUTES = 10;
  static final int SWITCH_MINUTES = 3;
  static final String URL = FarmEndToEndIT.URL;

  @TempDir Path tmp;

  @Test
  void anOperatorTakingTurnsIsInterleavedAndTwoEmployeesAtOnceAreCleared() throws Exception {
    long started = System.nanoTime();
    Path data = tmp.resolve("collector");
    // Simulated time starts at 08:00 five days ago when the agents start; the people start work at
    // 20:00 (18 s later) or as soon as the agents run, and work until three UTC days have passed
    // (the analysis needs three busy days together), all inside the collector's retention and past.
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(5);
    Instant origin = first.atTime(8, 0).toInstant(ZoneOffset.UTC);
    Instant evening = first.atTime(20, 0).toInstant(ZoneOffset.UTC);
    try (NetnsLab lab = new NetnsLab("fwop"); Processes processes = new Processes()) {
      // The enrollment token is made (and the database migrated) while the homes are built.
      Process tokenCreate = processes.add(collectorCli("token", "create", "--data", data.toString(), "--uses", "4"));
      NetnsLab.Home farm = lab.addHome("farm", 1, 2);
      NetnsLab.Home flat = lab.addHome("flat", 2, 2);
      String token = lastLine(new String(tokenCreate.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(tokenCreate.waitFor()).as("token create").isZero();
      processes.add(lab.spawn(lab.internet(), List.of(java(), "-jar", FarmEndToEndIT.COLLECTOR_JAR.toString(),
          "serve", "--data", data.toString(), "--listen", NetnsLab.COLLECTOR_ADDRESS + ":8470", "--allow-plain-http",
          "--activity-refresh", "3s"), tmp.resolve("collector.log")));
      // The analyst's key is made while the collector starts: the database is already migrated.
      Process apikey = processes.add(collectorCli("apikey", "create", "--data", data.toString(), "--role", "analyst",
          "--name", "e2e"));
      List<String> laptops = new ArrayList<>(farm.laptops());
      laptops.addAll(flat.laptops());
      List<String> displays = new ArrayList<>();
      for (String laptop : laptops) {
        displays.add(processes.xvfb());
      }
      NetnsLabIT.waitForLog(tmp.resolve("collector.log"), "listening on");
      log(started, "collector listening");
      Path config = tmp.resolve("agent.yaml");
      Files.writeString(config, "collector:\n  url: " + URL + "\n  allowPlainHttp: true\n"
          + "schedule:\n  interval: 4s\n  jitter: 0.1\n");
      SimulatedTime time = new SimulatedTime(Instant.now(), origin);
      for (int i = 0; i < laptops.size(); i++) {
        processes.add(agent(laptops.get(i), displays.get(i), config, token, time));
      }
      for (String laptop : laptops) {
        NetnsLabIT.waitForLog(tmp.resolve(laptop + ".log"), "running as device");
      }
      Instant workFrom = time.now().isAfter(evening) ? time.now() : evening;
      // A day that has less than an hour left does not count as the first of the three.
      LocalDate day1 = workFrom.atZone(ZoneOffset.UTC).getHour() < 23 ? workFrom.atZone(ZoneOffset.UTC).toLocalDate()
          : workFrom.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
      assertThat(day1).as("agents that took this long (simulated %s) leave no three past days", workFrom)
          .isBeforeOrEqualTo(first.plusDays(1));
      Instant end = day1.plusDays(2).atTime(2, 30).toInstant(ZoneOffset.UTC);
      log(started, "agents running, simulated " + time.now() + "; people work " + workFrom + " to " + end);
      time.sleepUntil(workFrom);

      List<Thread> people = List.of(
          new Thread(() -> processes.operator(time, displays.subList(0, 2), workFrom, end), "operator"),
          new Thread(() -> processes.drive(displays.get(2), time.realAt(end)), "employee-1"),
          new Thread(() -> processes.drive(displays.get(3), time.realAt(end)), "employee-2"));
      people.forEach(Thread::start);
      for (Thread t : people) {
        t.join();
      }

      log(started, "people done");
      String key = lastLine(new String(apikey.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(apikey.waitFor()).as("apikey create").isZero();
      Set<String> farmDevices = devices(farm.laptops());
      Set<String> flatDevices = devices(flat.laptops());
      List<JsonNode> alerts = List.of();
      JsonNode farmAlert = null;
      JsonNode flatAlert = null;
      for (int attempt = 0; attempt < 60; attempt++) {
        alerts = alerts(lab, key);
        farmAlert = farmNaming(alerts, farmDevices);
        flatAlert = farmNaming(alerts, flatDevices);
        if (verdict(farmAlert).equals("INTERLEAVED_ACTIVITY") && verdict(flatAlert).equals("OVERLAPPING_ACTIVITY")) {
          break;
        }
        Thread.sleep(500);
      }
      log(started, "verdicts: farm " + verdictDetail(farmAlert) + "; flat " + verdictDetail(flatAlert));
      assertThat(farmAlert).as("a farm alert naming the operator's laptops in %s", alerts).isNotNull();
      assertThat(verdict(farmAlert)).as("the operator's farm: %s", farmAlert).isEqualTo("INTERLEAVED_ACTIVITY");
      assertThat(farmAlert.get("summary").asText()).contains("one person appears to switch between them");
      assertThat(flatAlert).as("an alert naming the flat's laptops in %s", alerts).isNotNull();
      assertThat(verdict(flatAlert)).as("the employees' flat: %s", flatAlert).isEqualTo("OVERLAPPING_ACTIVITY");
      assertThat(flatAlert.get("evidence").toString()).doesNotContain("INTERLEAVED_ACTIVITY");
      assertThat(flatAlert.get("summary").asText()).contains("as separate people at separate keyboards would");
      assertThat(flatAlert.get("score").asDouble()).isLessThan(farmAlert.get("score").asDouble());
      // Nothing links an employee to anyone as one operator's machine.
      for (JsonNode a : alerts) {
        if (a.get("kind").asText().equals("SHARED_OPERATOR")) {
          a.get("deviceIds").forEach(d -> assertThat(flatDevices).doesNotContain(d.asText()));
        }
      }
    }
  }

  /** The signal of the verdict entry over all of a farm's measured pairs, or "" when there is none. */
  private static String verdict(JsonNode alert) {
    JsonNode e = verdictEntry(alert);
    return e == null ? "" : e.get("signal").asText();
  }

  private static String verdictDetail(JsonNode alert) {
    JsonNode e = verdictEntry(alert);
    return e == null ? "none" : e.get("signal").asText() + " " + e.get("detail").asText();
  }

  private static JsonNode verdictEntry(JsonNode alert) {
    if (alert != null) {
      for (JsonNode e : alert.get("evidence")) {
        if (e.path("detail").asText().startsWith("all measured pairs")) {
          return e;
        }
      }
    }
    return null;
  }

  /** Where the time goes, in the test's output: the budget is tight on a busy machine. */
  private static void log(long startedNanos, String what) {
    System.out.printf("OperatorMultiplexingIT +%.1f s: %s%n", (System.nanoTime() - startedNanos) / 1e9, what);
  }

  private static JsonNode farmNaming(List<JsonNode> alerts, Set<String> devices) {
    for (JsonNode a : alerts) {
      Set<String> named = new HashSet<>();
      a.get("deviceIds").forEach(d -> named.add(d.asText()));
      if (a.get("kind").asText().equals("LAPTOP_FARM") && named.equals(devices)) {
        return a;
      }
    }
    return null;
  }

  private static List<JsonNode> alerts(NetnsLab lab, String key) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    ProtocolJson.mapper().readTree(lab.exec(lab.internet(), "curl", "-sf", "-H", "Authorization: Bearer " + key,
        URL + "/api/v1/alerts?limit=1000")).get("alerts").forEach(out::add);
    return out;
  }

  private Set<String> devices(List<String> laptops) throws Exception {
    Set<String> out = new HashSet<>();
    for (String laptop : laptops) {
      out.add(Files.readString(tmp.resolve("state-" + laptop).resolve("device.id")).strip());
    }
    return out;
  }

  /** The agent service in {@code laptop}'s namespace, enrolling itself, watching {@code display}. */
  private Process agent(String laptop, String display, Path config, String token, SimulatedTime time)
      throws Exception {
    // C1 only: four agents start faster on a busy machine, and their steady work is small.
    ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", laptop, java(), "-XX:TieredStopAtLevel=1",
        "-Dfarmwatch.test=true",
        "-jar", FarmEndToEndIT.AGENT_JAR.toString(), "run", "--config", config.toString(),
        "--state", tmp.resolve("state-" + laptop).toString());
    Map<String, String> env = pb.environment();
    env.put("DISPLAY", display);
    env.put("FARMWATCH_ENROLL_TOKEN", token);
    env.put("FARMWATCH_TEST_TIME_SCALE", Long.toString(SCALE));
    env.put("FARMWATCH_TEST_TIME_ANCHOR", time.anchor().toString());
    env.put("FARMWATCH_TEST_TIME_ORIGIN", time.origin().toString());
    return pb.redirectErrorStream(true).redirectOutput(tmp.resolve(laptop + ".log").toFile()).start();
  }

  /** A collector CLI command started; its last line of output is the answer. */
  private static Process collectorCli(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", FarmEndToEndIT.COLLECTOR_JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The agents' dilated clock, seen from the test: simulated = origin + scale × (real − anchor). */
  record SimulatedTime(Instant anchor, Instant origin) {

    Instant now() {
      return origin.plusMillis((System.currentTimeMillis() - anchor.toEpochMilli()) * SCALE);
    }

    /** Real epoch milliseconds at simulated {@code t}. */
    long realAt(Instant t) {
      return anchor.toEpochMilli() + (t.toEpochMilli() - origin.toEpochMilli()) / SCALE;
    }

    void sleepUntil(Instant t) throws InterruptedException {
      Thread.sleep(Math.max(0, realAt(t) - System.currentTimeMillis()));
    }
  }

  /** Every process the test starts, ended (with its children) however the test ends. */
  static final class Processes implements AutoCloseable {

    /** One xdotool chain: a pointer nudge back and forth every 10 ms, a few hundred times. */
    private static final List<String> CHAIN = chain(400);

    private final List<Process> started = new ArrayList<>();
    private boolean closed;

    /** Keeps {@code p} to end it at close; one started after close (a driver still running) ends at once. */
    synchronized Process add(Process p) {
      if (closed) {
        p.destroyForcibly();
        throw new IllegalStateException("the test is over");
      }
      started.add(p);
      return p;
    }

    /** A new Xvfb display, e.g. {@code :3}. */
    String xvfb() throws Exception {
      Process p = add(new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start());
      String number = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      assertThat(number).as("Xvfb's display number").isNotNull();
      return ":" + number.strip();
    }

    /** The operator: turns on each display in order, a pause between turns, from {@code from} until {@code end}. */
    void operator(SimulatedTime time, List<String> displays, Instant from, Instant end) {
      Duration turn = Duration.ofMinutes(TURN_MINUTES);
      Duration period = turn.plusMinutes(SWITCH_MINUTES);
      for (int n = 0; ; n++) {
        Instant start = from.plus(period.multipliedBy(n));
        Instant stop = start.plus(turn);
        if (!stop.isBefore(end)) {
          return;
        }
        if (time.now().isBefore(stop)) {
          try {
            time.sleepUntil(start);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          drive(displays.get(n % displays.size()), time.realAt(stop));
        }
      }
    }

    /** Input on {@code display} from now until real {@code untilMillis}, then none. */
    void drive(String display, long untilMillis) {
      try {
        while (System.currentTimeMillis() < untilMillis) {
          List<String> command = new ArrayList<>(List.of("xdotool"));
          command.addAll(CHAIN);
          ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
          pb.environment().put("DISPLAY", display);
          Process p = add(pb.start());
          if (!p.waitFor(Math.max(0, untilMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("xdotool on " + display + " failed", e);
      }
    }

    private static List<String> chain(int moves) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < moves; i++) {
        out.addAll(List.of("mousemove_relative", "--", i % 2 == 0 ? "1" : "-1", "0", "sleep", "0.01"));
      }
      return List.copyOf(out);
    }

    @Override
    public synchronized void close() throws InterruptedException {
      closed = true;
      for (Process p : started) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      for (Process p : started) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
