package io.farmwatch.agent.platform.macos;

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
 * Parsers for the macOS commands the network probe runs: {@code netstat -rn -f inet},
 * {@code arp -an}, {@code wdutil info}, {@code lsof -nP -iTCP -iUDP} and {@code scutil --dns}.
 */
public final class MacCommandParsers {

  private MacCommandParsers() {}

  /**
   * {@code netstat -rn -f inet}. BSD prints shortened networks ({@code 192.168.1}) and hosts. Output
   * of a plain {@code netstat -rn} is read up to its IPv6 table, whose {@code default} rows must not
   * become IPv4 default routes.
   */
  public static List<Route> routes(String output) {
    List<Route> out = new ArrayList<>();
    for (String raw : output.split("\n")) {
      if (raw.startsWith("Internet6:")) {
        break;
      }
      String[] f = raw.strip().split("\\s+");
      if (f.length < 4 || f[0].equals("Destination") || f[0].equals("Routing") || f[0].equals("Internet:")) {
        continue;
      }
      String destination = destination(f[0]);
      if (destination == null) {
        continue;
      }
      String gateway = f[1].matches("\\d{1,3}(\\.\\d{1,3}){3}") ? f[1] : null; // link#4 or a MAC
      out.add(new Route(destination, gateway, f[3], null, "main"));
    }
    return out;
  }

  static String destination(String d) {
    if (d.equals("default")) {
      return "0.0.0.0/0";
    }
    String base = d;
    Integer prefix = null;
    int slash = d.indexOf('/');
    if (slash > 0) {
      base = d.substring(0, slash);
      prefix = Integer.parseInt(d.substring(slash + 1));
    }
    if (!base.matches("\\d{1,3}(\\.\\d{1,3}){0,3}")) {
      return null;
    }
    String[] parts = base.split("\\.");
    StringBuilder full = new StringBuilder(base);
    for (int i = parts.length; i < 4; i++) {
      full.append(".0");
    }
    return full + "/" + (prefix != null ? prefix : parts.length == 4 ? 32 : parts.length * 8);
  }

  /** {@code arp -an}: {@code ? (192.168.1.1) at a0:63:91:aa:bb:cc on en0 ifscope [ethernet]}. */
  public static List<Neighbor> neighbors(String output) {
    List<Neighbor> out = new ArrayList<>();
    for (String raw : output.split("\n")) {
      String[] f = raw.strip().split("\\s+");
      if (f.length >= 6 && f[1].startsWith("(") && f[2].equals("at") && f[4].equals("on")) {
        String mac = Macs.normalize(padMac(f[3]));
        if (mac != null && !mac.equals("ff:ff:ff:ff:ff:ff")) {
          out.add(new Neighbor(f[1].substring(1, f[1].length() - 1), mac, f[5], null));
        }
      }
    }
    return out;
  }

  /** BSD drops leading zeros: {@code a0:63:1:aa:b:c}. */
  static String padMac(String mac) {
    String[] parts = mac.split(":");
    if (parts.length != 6) {
      return mac;
    }
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(sb.length() == 0 ? "" : ":").append(p.length() == 1 ? "0" + p : p);
    }
    return sb.toString();
  }

  /** {@code wdutil info} (root): the WIFI section's SSID, BSSID, RSSI and channel. */
  public static WifiLink wifi(String output) {
    String iface = null;
    String ssid = null;
    String bssid = null;
    Integer rssi = null;
    for (String raw : output.split("\n")) {
      int colon = raw.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = raw.substring(0, colon).strip();
      String value = raw.substring(colon + 1).strip();
      switch (key) {
        case "Interface Name" -> iface = iface == null ? value : iface;
        case "SSID" -> ssid = ssid == null ? value : ssid;
        case "BSSID" -> bssid = bssid == null ? Macs.normalize(padMac(value)) : bssid;
        case "RSSI" -> rssi = rssi == null ? leadingInt(value) : rssi;
        default -> { }
      }
    }
    return bssid == null ? null : new WifiLink(iface, ssid, bssid, rssi, null);
  }

  /** {@code lsof -nP -iTCP -iUDP}: {@code NAME} like {@code *:5900 (LISTEN)} or {@code a:1->b:2 (ESTABLISHED)}. */
  public static List<SocketInfo> sockets(String output) {
    List<SocketInfo> out = new ArrayList<>();
    for (String raw : output.split("\n")) {
      String[] f = raw.strip().split("\\s+");
      if (f.length < 9 || f[0].equals("COMMAND")) {
        continue;
      }
      String protocol = f[7].toLowerCase(Locale.ROOT);
      if (!protocol.equals("tcp") && !protocol.equals("udp")) {
        continue;
      }
      String name = f[8];
      String state = f.length > 9 ? f[9].replace("(", "").replace(")", "") : (protocol.equals("udp") ? "UNCONN" : "");
      if (protocol.equals("tcp") && !state.equals("LISTEN") && !state.equals("ESTABLISHED")) {
        continue;
      }
      String[] ends = name.split("->");
      String[] local = Endpoints.hostPort(ends[0]);
      String[] remote = ends.length > 1 ? Endpoints.hostPort(ends[1]) : null;
      out.add(new SocketInfo(protocol, local[0].equals("*") ? "0.0.0.0" : local[0], leadingInt(local[1]),
          remote == null ? null : remote[0], remote == null ? null : leadingInt(remote[1]),
          state.isEmpty() ? "UNCONN" : state, leadingInt(f[1]), f[0]));
    }
    return out;
  }

  /** {@code scutil --dns}: every {@code nameserver[n] : addr}, in order, once. */
  public static List<String> dns(String output) {
    List<String> out = new ArrayList<>();
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("nameserver[")) {
        String server = line.substring(line.indexOf(':') + 1).strip();
        if (!out.contains(server)) {
          out.add(server);
        }
      }
    }
    return out;
  }


  private static Integer leadingInt(String s) {
    String digits = s.strip().split("[^-0-9]")[0];
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
