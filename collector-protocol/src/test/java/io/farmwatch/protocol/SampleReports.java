package io.farmwatch.protocol;

import io.farmwatch.protocol.report.AgentHealth;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.DiskIdentity;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.InputDevice;
import io.farmwatch.protocol.report.LocaleInfo;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.OsInfo;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.Unavailable;
import io.farmwatch.protocol.report.UsbDevice;
import io.farmwatch.protocol.report.Virtualization;
import io.farmwatch.protocol.report.WifiLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic reports for tests and benchmarks: a typical laptop's report is about 8 KB of JSON. */
public final class SampleReports {

  private SampleReports() {}

  /** A laptop with a remote-access tool running; {@code processCount} shapes the size. */
  public static Report laptop(String deviceId, long sequence, Instant at, int processCount) {
    List<ProcessInfo> processes = new ArrayList<>();
    for (int i = 0; i < processCount; i++) {
      processes.add(new ProcessInfo(1000 + i, 1, "proc-" + i, "/usr/lib/app" + i + "/bin/proc-" + i,
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", null, "alice",
          at.minusSeconds(3600 + i)));
    }
    processes.add(new ProcessInfo(4242, 1, "AnyDesk", "/usr/bin/anydesk",
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", null, "alice", at));
    HardwareIdentity hardware = new HardwareIdentity("LENOVO", "20XW0026US", "PF3ABCDE",
        "4c4c4544-0042-3510-8052-b4c04f4e4d32", "LENOVO", "20XW0026US", "L1HF0AB01CD",
        "LENOVO", "N32ET75W (1.51 )", "2023-01-05", "GenuineIntel",
        "11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz", "BFEBFBFF000806C1",
        List.of(new DiskIdentity("nvme0n1", "SAMSUNG MZVL2512HCJQ-00BL7", "S64KNX0T123456", 512110190592L)),
        List.of(new NicIdentity("wlp0s20f3", "8c:8d:28:12:34:56", "8c:8d:28:12:34:56", false)),
        "a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef",
        new Virtualization(false, null, List.of()));
    NetworkState network = new NetworkState(
        List.of(
            new NetInterface("lo", 1, "loopback", null, null, true, 65536, List.of("127.0.0.1/8", "::1/128")),
            new NetInterface("wlp0s20f3", 3, "wifi", "8c:8d:28:12:34:56", "8c:8d:28:12:34:56", true, 1500,
                List.of("192.168.1.23/24", "fe80::8e8d:28ff:fe12:3456/64")),
            new NetInterface("tun0", 7, "tun", null, null, true, 1420, List.of("10.8.0.2/24"))),
        List.of(
            new Route("0.0.0.0/0", "192.168.1.1", "wlp0s20f3", 600, "main"),
            new Route("192.168.1.0/24", null, "wlp0s20f3", 600, "main"),
            new Route("10.8.0.0/24", null, "tun0", 0, "main")),
        List.of(new Gateway("192.168.1.1", "wlp0s20f3", "a0:63:91:aa:bb:cc")),
        List.of(
            new Neighbor("192.168.1.1", "a0:63:91:aa:bb:cc", "wlp0s20f3", "REACHABLE"),
            new Neighbor("192.168.1.31", "3c:22:fb:01:02:03", "wlp0s20f3", "STALE")),
        List.of("192.168.1.1"),
        List.of(new WifiLink("wlp0s20f3", "HomeNet-5G", "a0:63:91:aa:bb:cd", -48, 5180)),
        List.of(
            new SocketInfo("tcp", "0.0.0.0", 7070, null, null, "LISTEN", 4242, "anydesk"),
            new SocketInfo("tcp", "192.168.1.23", 51514, "188.40.12.34", 443, "ESTABLISHED", 4242, "anydesk")));
    Peripherals peripherals = new Peripherals(
        List.of(
            new UsbDevice("1d6b", "0002", "Linux Foundation", "2.0 root hub", null, "usb1", null),
            new UsbDevice("046d", "c52b", "Logitech", "USB Receiver", null, "1-2", "usb1")),
        List.of(new DisplayInfo("eDP-1", "LEN", "40ba", null, null, 309, 174)),
        List.of(new InputDevice("AT Translated Set 2 keyboard", "i8042", "0001", "0001",
            "/dev/input/event3", List.of("keyboard"))));
    LocaleInfo locale = new LocaleInfo("America/Chicago", -360, "en_US.UTF-8", List.of("en_US.UTF-8"),
        List.of("us"), List.of("ibus:xkb:us::eng"), "ibus:xkb:us::eng");
    List<Finding> findings = List.of(new Finding(FindingKind.REMOTE_ACCESS, "AnyDesk", Severity.HIGH,
        Map.of("pid", 4242, "path", "/usr/bin/anydesk", "port", 7070),
        "AnyDesk is running and listening for incoming sessions on port 7070"));
    return new Report(Report.SCHEMA_VERSION,
        new DeviceInfo(deviceId, "0.1.0", sequence, at, "laptop-0042",
            new OsInfo("linux", "Ubuntu", "24.04", "6.8.0-45-generic", "amd64")),
        hardware, network, processes, peripherals, locale, null, new AgentHealth(0, 0), findings,
        List.of(new Unavailable("hardware.baseboardSerial", "/sys/class/dmi/id/board_serial",
            "permission denied (readable by root only)")));
  }

  /** About 8 KB of JSON. */
  public static Report typical(String deviceId, long sequence, Instant at) {
    return laptop(deviceId, sequence, at, 20);
  }
}
