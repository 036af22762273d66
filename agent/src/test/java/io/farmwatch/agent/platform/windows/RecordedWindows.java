package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.protocol.report.NetInterface;
import java.util.List;
import java.util.Map;

/**
 * Recorded Windows machines: command output from {@code fixtures/windows}, and the interface list
 * {@code java.net.NetworkInterface} gives for the same adapters. The JDK names Windows adapters by
 * kind and number ({@code lo}, {@code eth3}, {@code wlan0}); the index is the one {@code route print}'s
 * interface list shows, the MAC and addresses the ones {@code ipconfig /all} shows.
 */
final class RecordedWindows {

  private RecordedWindows() {}

  static RecordedCommands laptopOnOpenVpnTap() {
    return commands("windows");
  }

  static List<NetInterface> laptopInterfaces() {
    return List.of(
        new NetInterface("lo", 1, "loopback", null, null, true, -1, List.of("127.0.0.1/8", "::1/128")),
        new NetInterface("wlan0", 12, "wifi", "8c:8d:28:12:34:56", null, true, 1500, List.of("192.168.1.23/24")),
        new NetInterface("eth3", 21, "tap", "00:ff:3a:9b:7c:10", null, true, 1500, List.of("10.8.0.2/24")));
  }

  /**
   * A desktop on OpenVPN 2.6 over the Wintun driver with {@code redirect-gateway def1}. The
   * recordings in {@code fixtures/windows-wintun} follow the shape of {@code route print -4} and
   * {@code ipconfig /all} on such a machine: Wintun is a layer-3 adapter, so its routes are On-link,
   * it has no physical address, and {@code ipconfig} lists it as an "Unknown adapter".
   */
  static RecordedCommands desktopOnOpenVpnWintun() {
    return commands("windows-wintun");
  }

  /** Wintun's interface type is "proprietary virtual", which the JDK names {@code net}. */
  static List<NetInterface> desktopInterfaces() {
    return List.of(
        new NetInterface("lo", 1, "loopback", null, null, true, -1, List.of("127.0.0.1/8")),
        new NetInterface("eth1", 9, "ethernet", "3c:22:fb:01:02:03", null, true, 1500, List.of("192.168.0.104/24")),
        new NetInterface("net3", 17, "tun", null, null, true, 1500, List.of("10.9.0.6/24")));
  }

  static RecordedCommands commands(String folder) {
    return new RecordedCommands(Map.of(
        List.of("route", "print", "-4"), folder + "/route-print.txt",
        List.of("arp", "-a"), folder + "/arp-a.txt",
        List.of("netsh", "wlan", "show", "interfaces"), folder + "/netsh-wlan.txt",
        List.of("netstat", "-ano"), folder + "/netstat-ano.txt",
        List.of("ipconfig", "/all"), folder + "/ipconfig-all.txt",
        List.of("reg", "query", "HKCU\\Keyboard Layout\\Preload"), folder + "/reg-preload.txt"));
  }
}
