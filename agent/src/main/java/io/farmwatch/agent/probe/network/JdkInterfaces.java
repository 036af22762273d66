package io.farmwatch.agent.probe.network;

import io.farmwatch.protocol.report.NetInterface;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Interfaces and addresses as the JDK sees them: the same call on Windows and macOS. */
public final class JdkInterfaces {

  private JdkInterfaces() {}

  public static List<NetInterface> list() throws SocketException {
    List<NetInterface> out = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      List<String> addresses = new ArrayList<>();
      for (InterfaceAddress a : nic.getInterfaceAddresses()) {
        String host = a.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        addresses.add((zone > 0 ? host.substring(0, zone) : host) + "/" + a.getNetworkPrefixLength());
      }
      byte[] hw = nic.getHardwareAddress();
      String mac = hw == null || hw.length != 6 ? null
          : Macs.normalize(HexFormat.ofDelimiter(":").formatHex(hw));
      out.add(new NetInterface(nic.getName(), nic.getIndex(), type(nic), mac, null, nic.isUp(), nic.getMTU(), addresses));
    }
    return out;
  }

  static String type(NetworkInterface nic) throws SocketException {
    String name = nic.getName().toLowerCase(Locale.ROOT);
    String display = nic.getDisplayName() == null ? "" : nic.getDisplayName().toLowerCase(Locale.ROOT);
    if (nic.isLoopback()) {
      return "loopback";
    }
    if (name.startsWith("utun") || name.startsWith("tun") || display.contains("tap-windows") || display.contains("wintun")) {
      return display.contains("tap") ? "tap" : "tun";
    }
    if (display.contains("wireguard") || name.startsWith("wg")) {
      return "wireguard";
    }
    if (name.startsWith("ppp") || display.contains("ppp")) {
      return "ppp";
    }
    if (display.contains("wi-fi") || display.contains("wireless") || display.contains("802.11")) {
      return "wifi";
    }
    if (nic.isVirtual() || name.startsWith("bridge") || name.startsWith("awdl") || name.startsWith("llw")) {
      return "virtual";
    }
    return "ethernet";
  }
}
