package io.farmwatch.collector.bench;

import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.envelope.EnvelopeSigner;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.DiskIdentity;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.InputActivity;
import io.farmwatch.protocol.report.InputMinute;
import io.farmwatch.protocol.report.LocaleInfo;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.UsbDevice;
import io.farmwatch.protocol.report.WifiLink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Prepares an ingest load: enrolls many simulated agents on a running collector (real keys, real
 * enrollment) and signs their reports ahead of time, so that the sender measures the collector and
 * not the signing. {@code scripts/bench-ingest} then replays the files with wrk.
 *
 * <p>{@code LoadGenerator URL TOKEN AGENTS SENDERS OUT_DIR PHASE=REPORTS_PER_AGENT...} writes, for
 * each phase and each sender thread, {@code OUT_DIR/PHASE-N.txt}: one envelope per line. Sender N
 * gets the agents whose index is N modulo SENDERS, so no agent is split between two senders, and
 * its lines go round-robin over those agents in sequence order; an agent's next report is therefore
 * hundreds of requests behind its previous one and the collector sees each agent's sequence rise.
 * Phases continue each agent's sequence, so a warm-up phase can precede the measured one.
 *
 * <p>With {@code -Dfarmwatch.loadgen.reports=uniform} the reports are the earlier generator's
 * ({@link #uniform}), so a day's machine can be compared with the figures measured with those.
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  record Agent(String deviceId, String keyId, byte[] seed, int index) {}

  private static final boolean UNIFORM = "uniform".equals(System.getProperty("farmwatch.loadgen.reports"));

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: LoadGenerator URL TOKEN AGENTS SENDERS OUT_DIR PHASE=REPORTS_PER_AGENT...");
      System.exit(2);
    }
    String url = args[0];
    String token = args[1];
    int agentCount = Integer.parseInt(args[2]);
    int senders = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    Files.createDirectories(out);

    List<Agent> agents = enroll(url, token, agentCount);
    long sequence = 0;
    for (int p = 5; p < args.length; p++) {
      String[] phase = args[p].split("=", 2);
      int perAgent = Integer.parseInt(phase[1]);
      long first = sequence + 1;
      long bytes = IntStream.range(0, senders).parallel()
          .mapToLong(s -> writeSenderFile(out.resolve(phase[0] + "-" + s + ".txt"), agents, s, senders, first, perAgent))
          .sum();
      sequence += perAgent;
      long envelopes = (long) perAgent * agents.size();
      System.out.printf("%s: %d envelopes signed for %d agents, %d bytes on average%n", phase[0], envelopes,
          agents.size(), bytes / Math.max(1, envelopes));
    }
  }

  private static List<Agent> enroll(String url, String token, int count) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SecureRandom random = new SecureRandom();
    List<Agent> agents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
      random.nextBytes(seed);
      byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
      Ed25519.generatePublicKey(seed, 0, pk, 0);
      DeviceKey key = DeviceKey.fromRaw(pk);
      String body = ProtocolJson.mapper().writeValueAsString(Map.of("token", token, "publicKey", key.pem(),
          "agentVersion", "loadgen", "hostname", "loadgen-" + i));
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/enroll"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("enrollment failed: " + r.statusCode() + " " + r.body());
      }
      agents.add(new Agent(ProtocolJson.mapper().readTree(r.body()).get("deviceId").asText(), key.keyId(), seed, i));
    }
    return agents;
  }

  private static long writeSenderFile(Path file, List<Agent> agents, int sender, int senders, long firstSequence,
      int perAgent) {
    List<Agent> mine = agents.stream().filter(a -> a.index() % senders == sender).toList();
    long bytes = 0;
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (long s = firstSequence; s < firstSequence + perAgent; s++) {
        for (Agent a : mine) {
          byte[] envelope = sign(a, s);
          o.write(envelope);
          o.write('\n');
          bytes += envelope.length;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  static byte[] sign(Agent agent, long sequence) {
    try {
      Report report = UNIFORM ? uniform(agent.deviceId(), sequence, agent.index())
          : report(agent.deviceId(), sequence, agent.index());
      byte[] json = ProtocolJson.mapper().writeValueAsBytes(report);
      byte[] payload = Gzip.compress(json, Deflater.DEFAULT_COMPRESSION);
      byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
      Ed25519.sign(agent.seed(), 0, payload, 0, payload.length, sig, 0);
      return EnvelopeSigner.encode(new Envelope(ProtocolLimits.ENVELOPE_VERSION, agent.deviceId(), agent.keyId(),
          Base64.getEncoder().encodeToString(payload), Base64.getEncoder().encodeToString(sig)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Map<Integer, List<ProcessInfo>> PROCESSES = new ConcurrentHashMap<>();

  /** Agents {@code i} with {@code i % FARM_EVERY < FARM_SIZE} sit in planted farms of {@code FARM_SIZE} laptops. */
  static final int FARM_EVERY = 50;
  static final int FARM_SIZE = 5;
  /** Minutes of input each report carries: the agent's default 5-minute interval and one of overlap. */
  static final int SERIES_MINUTES = 6;

  /**
   * A report shaped like a laptop's, as the agent sends it: hardware identity, network position
   * (planted farms share a router, an access point and each other's MACs in their neighbour tables),
   * peripherals, locale, findings, 40 processes and six minutes of input timing; about 10 KB of JSON.
   * Each process has its own command-line hash, as on a real laptop, so the report compresses no
   * better than a real one. A farm's operator drives one laptop at a time, so its laptops' active
   * minutes interleave; everyone else is busy most minutes.
   */
  static Report report(String deviceId, long sequence, int agent) {
    List<ProcessInfo> processes = PROCESSES.computeIfAbsent(agent, LoadGenerator::processes);
    boolean farm = agent % FARM_EVERY < FARM_SIZE;
    int site = farm ? agent / FARM_EVERY : 1000 + agent;
    String gw = String.format("0a:00:%02x:%02x:%02x:01", (site >> 16) & 0xff, (site >> 8) & 0xff, site & 0xff);
    String bssid = String.format("0e:00:%02x:%02x:%02x:02", (site >> 16) & 0xff, (site >> 8) & 0xff, site & 0xff);
    String ownMac = mac(agent);
    List<Neighbor> neighbours = new ArrayList<>(List.of(new Neighbor("192.168.1.1", gw, "wlan0", "REACHABLE")));
    if (farm) {
      int first = agent - agent % FARM_EVERY;
      for (int other = first; other < first + FARM_SIZE; other++) {
        if (other != agent) {
          neighbours.add(new Neighbor("192.168.1." + (20 + other - first), mac(other), "wlan0", "STALE"));
        }
      }
    }
    List<Finding> findings = new ArrayList<>(List.of(new Finding(FindingKind.VPN, "tunnel interface tun0",
        Severity.LOW, Map.of("interface", "tun0"), "tunnel interface tun0 (tun) exists")));
    if (farm && agent % 2 == 0) {
      findings.add(new Finding(FindingKind.REMOTE_ACCESS, "AnyDesk", Severity.HIGH,
          Map.of("process", "anydesk", "pid", 4242), "AnyDesk is running"));
    }
    NetworkState network = new NetworkState(
        List.of(new NetInterface("wlan0", 2, "wifi", ownMac, ownMac, true, 1500, List.of("192.168.1.23/24"))),
        List.of(), List.of(new Gateway("192.168.1.1", "wlan0", gw)), neighbours, List.of("192.168.1.1"),
        List.of(new WifiLink("wlan0", "home-" + site, bssid, -52, 5180)), List.of());
    HardwareIdentity hardware = new HardwareIdentity("LENOVO", "20XW", "PF" + agent, "4c4c4544-" + agent,
        "LENOVO", "20XW", "L1HF" + agent, "LENOVO", "N32ET86W", "2025-01-10", "GenuineIntel",
        "Intel(R) Core(TM) i7-1185G7", "806C1", List.of(new DiskIdentity("nvme0n1", "SAMSUNG MZVL2512", "S6" + agent,
            512_110_190_592L)), List.of(new NicIdentity("wlan0", ownMac, ownMac, false)),
        String.format("%064x", agent), null);
    Peripherals peripherals = new Peripherals(
        List.of(new UsbDevice("046d", "c52b", "Logitech", "USB Receiver", null, "1-2", "1"),
            new UsbDevice("0bda", "5634", "Realtek", "Integrated Camera", null, "1-5", "1")),
        List.of(new DisplayInfo("eDP-1", "LEN", "40ba", null, null, 310, 170)), List.of());
    LocaleInfo locale = new LocaleInfo("America/Chicago", -360, "en_US.UTF-8", List.of("en-US"), List.of("us"),
        List.of(), null);
    Instant now = Instant.now();
    long lastMinute = now.getEpochSecond() / 60;
    List<InputMinute> minutes = new ArrayList<>();
    for (long m = lastMinute - SERIES_MINUTES + 1; m <= lastMinute; m++) {
      boolean active = farm ? m % FARM_SIZE == agent % FARM_SIZE : (m + sequence + agent) % 7 != 0;
      minutes.add(active ? new InputMinute(38, 90, 140, 0, farm && agent % 2 == 0) : new InputMinute(0, 0, 0, 0));
    }
    InputActivity input = new InputActivity("x11-xinput2", Instant.ofEpochSecond((lastMinute - SERIES_MINUTES + 1) * 60),
        minutes, null);
    return new Report(1, new DeviceInfo(deviceId, "loadgen", sequence, now, "loadgen-" + agent, null),
        hardware, network, processes, peripherals, locale, input, null, findings, List.of());
  }

  /**
   * The reports of the generator the uniform ingest figures of 2026-11-26 were measured with: a
   * gateway, one finding and the same 40 processes, about 8 KB of JSON; no hardware, neighbours,
   * peripherals or input, so correlation finds nothing in them.
   */
  static Report uniform(String deviceId, long sequence, int agent) {
    String gw = String.format("0a:00:00:00:%02x:%02x", (agent >> 8) & 0xff, agent & 0xff);
    List<Finding> findings = List.of(new Finding(FindingKind.VPN, "tunnel interface tun0", Severity.LOW,
        Map.of("interface", "tun0"), "tunnel interface tun0 (tun) exists"));
    NetworkState network = new NetworkState(List.of(), List.of(), List.of(new Gateway("192.168.1.1", "wlan0", gw)),
        List.of(), List.of("192.168.1.1"), List.of(), List.of());
    return new Report(1, new DeviceInfo(deviceId, "loadgen", sequence, Instant.now(), "loadgen-" + agent, null),
        null, network, PROCESSES.computeIfAbsent(agent, LoadGenerator::processes), null, null, null, null, findings,
        List.of());
  }

  private static String mac(int agent) {
    return String.format("02:1a:%02x:%02x:%02x:07", (agent >> 16) & 0xff, (agent >> 8) & 0xff, agent & 0xff);
  }

  private static List<ProcessInfo> processes(int agent) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Instant boot = Instant.now().minus(Duration.ofHours(3));
    List<ProcessInfo> processes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] commandLine = ("/usr/lib/app" + i + "/bin/proc-" + i + " --agent " + agent).getBytes(StandardCharsets.UTF_8);
      processes.add(new ProcessInfo(1000 + 37 * i + agent % 97, 1, "proc-" + i, "/usr/lib/app" + i + "/bin/proc-" + i,
          HexFormat.of().formatHex(sha256.digest(commandLine)), null, "alice", boot.plusMillis(7_919L * i)));
    }
    return List.copyOf(processes);
  }
}
