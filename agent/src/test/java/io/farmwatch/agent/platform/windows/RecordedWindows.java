package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.protocol.report.NetInterface;
import java.util.List;
import java.util.Map;

/**
 * Windows machines as the probes see them: command output from {@code fixtures/windows*}, and the
 * interface list {@code java.net.NetworkInterface} would give for the same adapters. Where each
 * recording comes from, and which folders are hand-written, is in {@code fixtures/windows/README.md}.
 * The JDK names Windows adapters by kind and number ({@code lo}, {@code eth3}, {@code wlan0}); the
 * interface lists below are not recordings but are built from the recordings' own interface list
 * ({@code route print}) and addresses ({@code arp -a}, {@code ipconfig /all}).
 */
final class RecordedWindows {

  private RecordedWindows() {}

  /**
   * {@code fixtures/windows}: recorded output. {@code route print -4} and {@code arp -a} come from
   * one Windows 10 desktop (getmac's test samples) with VMware, VirtualBox, Hyper-V and WireGuard
   * adapters; {@code ipconfig /all}, {@code netstat -ano} and {@code netsh wlan} from other machines.
   */
  static RecordedCommands recordedDesktop() {
    return commands("windows");
  }

  /**
   * The desktop's adapters with the indexes of {@code route print}'s interface list and the
   * addresses its routes and {@code arp -a} name.
   */
  static List<NetInterface> recordedDesktopInterfaces() {
    return List.of(
        new NetInterface("lo", 1, "loopback", null, null, true, -1, List.of("127.0.0.1/8")),
        new NetInterface("eth2", 5, "ethernet", "b4:2e:99:35:1e:84", null, true, 1500, List.of("10.0.0.185/24")),
        new NetInterface("net5", 12, "wireguard", null, null, true, 1420, List.of("192.168.84.1/24")),
        new NetInterface("eth6", 16, "ethernet", "00:50:56:c0:00:01", null, true, 1500, List.of("192.168.17.1/24")),
        new NetInterface("eth7", 23, "ethernet", "0a:00:27:00:00:17", null, true, 1500, List.of("192.168.56.1/24")),
        new NetInterface("eth8", 24, "ethernet", "0a:00:27:00:00:18", null, true, 1500, List.of("192.168.38.1/24")),
        new NetInterface("eth9", 28, "ethernet", "00:50:56:c0:00:08", null, true, 1500, List.of("192.168.235.1/24")),
        new NetInterface("eth10", 72, "ethernet", "00:15:5d:79:b6:61", null, true, 1500, List.of("172.17.112.1/20")));
  }

  /**
   * Hand-written (no public recording of a connected TAP-Windows VPN was found): a laptop on
   * OpenVPN over TAP-Windows with {@code redirect-gateway def1}, in {@code fixtures/windows-tap}.
   */
  static RecordedCommands laptopOnOpenVpnTap() {
    return commands("windows-tap");
  }

  static List<NetInterface> laptopInterfaces() {
    return List.of(
        new NetInterface("lo", 1, "loopback", null, null, true, -1, List.of("127.0.0.1/8", "::1/128")),
        new NetInterface("wlan0", 12, "wifi", "8c:8d:28:12:34:56", null, true, 1500, List.of("192.168.1.23/24")),
        new NetInterface("eth3", 21, "tap", "00:ff:3a:9b:7c:10", null, true, 1500, List.of("10.8.0.2/24")));
  }

  /**
   * Hand-written, like {@link #laptopOnOpenVpnTap()}: a desktop on OpenVPN 2.6 over the Wintun
   * driver with {@code redirect-gateway def1}, in {@code fixtures/windows-wintun}. Wintun is a
   * layer-3 adapter, so its routes are On-link, it has no physical address, and {@code ipconfig}
   * lists it as an "Unknown adapter" (as recorded in yarrick/iodine#73).
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
        WlanLocationConsent.COMMAND, folder + "/netsh-wlan.txt",
        List.of("netstat", "-ano"), folder + "/netstat-ano.txt",
        List.of("ipconfig", "/all"), folder + "/ipconfig-all.txt",
        List.of("reg", "query", "HKCU\\Keyboard Layout\\Preload"), folder + "/reg-preload.txt"));
  }
}
