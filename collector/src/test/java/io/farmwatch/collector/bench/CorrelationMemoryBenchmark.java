package io.farmwatch.collector.bench;

import io.farmwatch.collector.correlate.CorrelationEngine;
import io.farmwatch.collector.correlate.MemoryAlertStore;
import io.farmwatch.collector.correlate.CorrelationSettings;
import io.farmwatch.collector.correlate.DeviceObservation;
import io.farmwatch.collector.correlate.Observations;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.DeviceInfo;
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
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.WifiLink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What the correlation engine keeps per device: the heap it retains for devices that send typical
 * reports, and for hostile devices whose every list and string is at the protocol's limit. Run with
 * {@code scripts/bench-correlation-memory [DEVICES]} (512 MB heap, as the service runs).
 */
public final class CorrelationMemoryBenchmark {

  private CorrelationMemoryBenchmark() {}

  public static void main(String[] args) {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Instant now = Instant.now();
    System.out.printf("typical device: %,d bytes retained%n", retainedPerDevice(devices, i -> typical(i, now)));
    System.out.printf("hostile device (every list and string at its limit): %,d bytes retained%n",
        retainedPerDevice(devices, i -> hostile(i, now)));
  }

  private static long retainedPerDevice(int devices, IntFunction<Report> reports) {
    CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, new MemoryAlertStore(),
        Clock.systemUTC());
    long before = usedAfterGc();
    for (int i = 0; i < devices; i++) {
      Report report = reports.apply(i);
      if (ReportLimits.check(report).isPresent()) {
        throw new IllegalStateException("the benchmark's reports must be ones the collector accepts: "
            + ReportLimits.check(report).get().message());
      }
      engine.observe(Observations.of(report.device().deviceId(), report, "203.0.113.9", Instant.now()));
    }
    long after = usedAfterGc();
    if (engine.deviceCount() != devices) {
      throw new IllegalStateException("engine lost devices");
    }
    return (after - before) / devices;
  }

  static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static Report typical(int i, Instant now) {
    NetworkState network = new NetworkState(
        List.of(new NetInterface("wlan0", 3, "wifi", mac(i, 1), mac(i, 1), true, 1500, List.of("192.168.1.23/24"))),
        List.of(), List.of(new Gateway("192.168.1.1", "wlan0", mac(i, 2))),
        List.of(new Neighbor("192.168.1.1", mac(i, 2), "wlan0", "REACHABLE")), List.of("192.168.1.1"),
        List.of(new WifiLink("wlan0", "HomeNet", mac(i, 3), -50, 5180)), List.of());
    return report(i, now, network, null, null, List.of(new Finding(FindingKind.REMOTE_ACCESS, "AnyDesk",
        Severity.HIGH, Map.of(), "AnyDesk is running")), null);
  }

  /** Every list the engine reads at its limit, every value at its longest valid form. */
  private static Report hostile(int i, Instant now) {
    int gateways = ProtocolLimits.LIST_ITEMS.get("network.defaultGateways");
    List<Gateway> gw = new ArrayList<>();
    for (int g = 0; g < gateways; g++) {
      gw.add(new Gateway("10.0.0." + g, "eth0", longMac(i, g)));
    }
    List<WifiLink> wifi = new ArrayList<>();
    for (int w = 0; w < ProtocolLimits.LIST_ITEMS.get("network.wifi"); w++) {
      wifi.add(new WifiLink("wlan" + w, "s".repeat(256), longMac(i, 100 + w), -50, 5180));
    }
    List<Neighbor> neighbors = new ArrayList<>();
    for (int n = 0; n < ProtocolLimits.LIST_ITEMS.get("network.neighbors"); n++) {
      neighbors.add(new Neighbor("10.1." + (n / 250) + "." + (n % 250), longMac(i, 1000 + n), "eth0", "STALE"));
    }
    List<NetInterface> interfaces = new ArrayList<>();
    for (int n = 0; n < ProtocolLimits.LIST_ITEMS.get("network.interfaces"); n++) {
      interfaces.add(new NetInterface("if" + n, n, "ethernet", longMac(i, 5000 + n), null, true, 1500, List.of()));
    }
    List<NicIdentity> nics = new ArrayList<>();
    for (int n = 0; n < ProtocolLimits.LIST_ITEMS.get("hardware.nics"); n++) {
      nics.add(new NicIdentity("nic" + n, longMac(i, 9000 + n), longMac(i, 9000 + n), false));
    }
    HardwareIdentity hardware = new HardwareIdentity(null, null, "S".repeat(255) + (i % 10), null, null, null,
        null, null, null, null, null, null, null, List.of(), nics, "f".repeat(250) + i, null);
    List<String> methods = new ArrayList<>();
    for (int m = 0; m < ProtocolLimits.LIST_ITEMS.get("locale.inputMethods"); m++) {
      methods.add(("ime" + m + ":").repeat(60).substring(0, 256));
    }
    List<Finding> findings = new ArrayList<>();
    for (int f = 0; f < ProtocolLimits.LIST_ITEMS.get("findings"); f++) {
      findings.add(new Finding(FindingKind.REMOTE_ACCESS, ("tool" + f).repeat(60).substring(0, 256), Severity.HIGH,
          Map.of(), "r"));
    }
    List<InputMinute> minutes = new ArrayList<>();
    for (int m = 0; m < ProtocolLimits.LIST_ITEMS.get("input.minutes"); m++) {
      minutes.add(new InputMinute(60, 1, 1, 0));
    }
    NetworkState network = new NetworkState(interfaces, List.of(), gw, neighbors, List.of(), wifi, List.of());
    return report(i, now, network, hardware,
        new LocaleInfo("Z".repeat(256), 0, null, null, null, methods, null), findings,
        new InputActivity("s", now.minusSeconds(86_400), minutes, null));
  }

  private static Report report(int i, Instant now, NetworkState network, HardwareIdentity hardware,
      LocaleInfo locale, List<Finding> findings, InputActivity input) {
    return new Report(1, new DeviceInfo("dev-" + i, "bench", 1, now, "host-" + i, null), hardware, network, null,
        null, locale, input, null, findings, List.of());
  }

  private static String mac(int device, int n) {
    return String.format("02:%02x:%02x:%02x:00:%02x", (device >> 16) & 255, (device >> 8) & 255, device & 255, n & 255);
  }

  /** A 20-octet (InfiniBand) MAC, the longest the protocol allows, unique per device and n. */
  private static String longMac(int device, int n) {
    StringBuilder s = new StringBuilder(String.format("%02x:%02x:%02x:%02x:%02x", (device >> 16) & 255,
        (device >> 8) & 255, device & 255, (n >> 8) & 255, n & 255));
    for (int o = 5; o < 20; o++) {
      s.append(":ab");
    }
    return s.toString();
  }

}
