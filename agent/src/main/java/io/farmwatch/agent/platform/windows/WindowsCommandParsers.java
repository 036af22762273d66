package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.probe.network.Endpoints;
import io.farmwatch.agent.probe.network.Macs;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.WifiLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parsers for the Windows commands the network probe runs: {@code route print -4},
 * {@code arp -a}, {@code netsh wlan show interfaces} and {@code netstat -ano}. Their output is
 * English on English systems only; the parsers key on layout (columns, address shapes), not on
 * words, wherever the layout allows it.
 */
public final class WindowsCommandParsers {

  private WindowsCommandParsers() {}

  /**
   * {@code route print -4}: the "Active Routes" table. Interfaces are named by their address there,
   * so {@code interfaceName} holds the interface's IPv4 address until the network probe replaces it
   * with the interface's name.
   */
  public static List<Route> routes(String output) {
    List<Route> out = new ArrayList<>();
    boolean inActive = false;
    for (String raw : output.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("Network Destination")) {
        inActive = true;
        continue;
      }
      if (!inActive) {
        continue;
      }
      if (line.startsWith("=") || line.isEmpty()) {
        if (line.startsWith("=")) {
          inActive = false;
        }
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 5 || !isIpv4(f[0]) || !isIpv4(f[1])) {
        continue;
      }
      String gateway = isIpv4(f[2]) ? f[2] : null; // "On-link"
      out.add(new Route(f[0] + "/" + prefix(f[1]), gateway, f[3], parseInt(f[4]), "main"));
    }
    return out;
  }

  /** {@code arp -a}: entries per interface block ("Interface: 192.168.1.23 --- 0x5"). */
  public static List<Neighbor> neighbors(String output) {
    List<Neighbor> out = new ArrayList<>();
    String iface = null;
    for (String raw : output.split("\r?\n")) {
      String line = raw.strip();
      String[] f = line.split("\\s+");
      if (f.length >= 2 && f[0].endsWith(":") && isIpv4(f[1])) {
        iface = f[1];
        continue;
      }
      if (f.length >= 3 && isIpv4(f[0])) {
        String mac = Macs.normalize(f[1]);
        if (mac != null && !mac.equals("ff:ff:ff:ff:ff:ff") && !mac.startsWith("01:00:5e")) {
          out.add(new Neighbor(f[0], mac, iface, f[2].toUpperCase(Locale.ROOT)));
        }
      }
    }
    return out;
  }

  /** {@code netsh wlan show interfaces}: one block per wireless interface. */
  public static List<WifiLink> wifi(String output) {
    List<WifiLink> out = new ArrayList<>();
    String name = null;
    String ssid = null;
    String bssid = null;
    Integer signal = null;
    for (String raw : (output + "\n").split("\r?\n")) {
      int colon = raw.indexOf(':');
      String key = colon < 0 ? "" : raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : raw.substring(colon + 1).strip();
      if (key.equals("name")) {
        if (bssid != null) {
          out.add(new WifiLink(name, ssid, bssid, signal, null));
        }
        name = value;
        ssid = null;
        bssid = null;
        signal = null;
      } else if (key.equals("ssid")) {
        ssid = value;
      } else if (key.equals("bssid") || key.equals("ap bssid")) {
        bssid = Macs.normalize(raw.substring(colon + 1).strip());
      } else if (key.equals("signal") && value.endsWith("%")) {
        // Windows reports quality in percent; -100 dBm at 0 % to -50 dBm at 100 % is its own mapping.
        signal = parseInt(value.substring(0, value.length() - 1)) / 2 - 100;
      }
    }
    if (bssid != null) {
      out.add(new WifiLink(name, ssid, bssid, signal, null));
    }
    return out;
  }

  /** {@code netstat -ano}: TCP listening and established, UDP bound, with the owning pid. */
  public static List<SocketInfo> sockets(String output) {
    List<SocketInfo> out = new ArrayList<>();
    for (String raw : output.split("\r?\n")) {
      String[] f = raw.strip().split("\\s+");
      if (f.length < 4 || !(f[0].equals("TCP") || f[0].equals("UDP"))) {
        continue;
      }
      boolean tcp = f[0].equals("TCP");
      String state = tcp ? f[3] : "UNCONN";
      String pid = tcp ? (f.length > 4 ? f[4] : null) : f[3];
      if (tcp && !state.equals("LISTENING") && !state.equals("ESTABLISHED")) {
        continue;
      }
      String[] local = Endpoints.hostPort(f[1]);
      String[] remote = Endpoints.hostPort(f[2]);
      boolean connected = state.equals("ESTABLISHED");
      out.add(new SocketInfo(tcp ? "tcp" : "udp", local[0], parseInt(local[1]),
          connected ? remote[0] : null, connected ? parseInt(remote[1]) : null,
          state.equals("LISTENING") ? "LISTEN" : state, pid == null ? null : parseInt(pid), null));
    }
    return out;
  }

  /** {@code ipconfig /all}: "DNS Servers . . . : a" and the indented continuation lines after it. */
  public static List<String> dns(String output) {
    List<String> out = new ArrayList<>();
    boolean inDns = false;
    for (String raw : output.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("DNS Servers")) {
        inDns = true;
        line = line.substring(line.indexOf(':') + 1).strip();
      } else if (inDns && (line.contains(":") && line.contains(". .") || line.isEmpty())) {
        inDns = false;
      }
      if (inDns && (isIpv4(line) || line.matches("[0-9a-fA-F:]+(%\\d+)?") && line.contains(":"))) {
        String server = line.replaceAll("%\\d+$", "");
        if (!out.contains(server)) {
          out.add(server);
        }
      }
    }
    return out;
  }


  static boolean isIpv4(String s) {
    return s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  static int prefix(String netmask) {
    int bits = 0;
    for (String part : netmask.split("\\.")) {
      bits += Integer.bitCount(Integer.parseInt(part));
    }
    return bits;
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
