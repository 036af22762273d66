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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parsers for the Windows commands the network probe runs: {@code route print -4},
 * {@code arp -a}, {@code netsh wlan show interfaces}, {@code netstat -ano} and {@code ipconfig /all}.
 * Windows translates their labels (and some values: "On-link" is "Auf Verbindung" in German), so
 * the parsers key on layout (column positions, address shapes, the order of lines) wherever the
 * layout allows it, and refuse output whose meaning hangs on a word they do not know rather than
 * guess. The recordings they are tested on are listed in {@code fixtures/windows/README.md}.
 */
public final class WindowsCommandParsers {

  /** Output in a language, or of a shape, the parser cannot read without guessing. */
  public static final class UnreadableOutputException extends IllegalArgumentException {
    UnreadableOutputException(String message) {
      super(message);
    }
  }

  private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([-:][0-9a-f]{2}){5}");

  /** The "DNS Servers" label of {@code ipconfig /all} in the languages recorded (English, German). */
  private static final Pattern DNS_LABEL = Pattern.compile("^(DNS Servers|DNS-Server)[ .]*:(.*)$");

  /** {@code netstat} TCP states as English Windows prints them. */
  private static final Set<String> TCP_STATES = Set.of("LISTENING", "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED",
      "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSED", "BOUND",
      "DELETE_TCB");

  private WindowsCommandParsers() {}

  /**
   * {@code route print -4}: the first table of rows shaped {@code destination netmask gateway
   * interface metric}, whatever its headings say. The gateway column holds an address or a
   * translated "On-link" of one or more words; the table ends at the first rule line after its rows,
   * before "Persistent Routes" (whose rows have no interface column). Interfaces are named by their
   * address there, so {@code interfaceName} holds the interface's IPv4 address until the network
   * probe replaces it with the interface's name.
   */
  public static List<Route> routes(String output) {
    List<Route> out = new ArrayList<>();
    for (String raw : output.split("\r?\n")) {
      String line = raw.strip();
      if (line.startsWith("=") && !out.isEmpty()) {
        break;
      }
      String[] f = line.split("\\s+");
      int n = f.length;
      if (n < 5 || !isIpv4(f[0]) || !isIpv4(f[1]) || !isIpv4(f[n - 2]) || parseInt(f[n - 1]) == null) {
        continue;
      }
      String gateway = n == 5 && isIpv4(f[2]) ? f[2] : null;
      out.add(new Route(f[0] + "/" + prefix(f[1]), gateway, f[n - 2], parseInt(f[n - 1]), "main"));
    }
    return out;
  }

  /**
   * {@code arp -a}: entries per interface block ({@code Interface: 192.168.1.23 --- 0x5}, in German
   * {@code Schnittstelle: ...}). Broadcast, multicast and unresolved (all-zero) entries are left out.
   */
  public static List<Neighbor> neighbors(String output) {
    List<Neighbor> out = new ArrayList<>();
    String iface = null;
    for (String raw : output.split("\r?\n")) {
      String[] f = raw.strip().split("\\s+");
      if (f.length >= 2 && f[0].endsWith(":") && isIpv4(f[1])) {
        iface = f[1];
        continue;
      }
      if (f.length >= 3 && isIpv4(f[0])) {
        String mac = Macs.normalize(f[1]);
        if (mac != null && !mac.equals("ff:ff:ff:ff:ff:ff") && !mac.startsWith("01:00:5e")
            && !mac.equals("00:00:00:00:00:00")) {
          out.add(new Neighbor(f[0], mac, iface, f[2].toUpperCase(Locale.ROOT)));
        }
      }
    }
    return out;
  }

  /**
   * {@code netsh wlan show interfaces}: one block of {@code label : value} lines per interface,
   * blocks apart by blank lines. The labels are translated ("Nom", "Point d'accès ..."), so a block
   * is read by position: its first line with a value is the interface's name, the line labelled
   * {@code SSID} (never translated) the network, the first MAC after it the access point (the MAC
   * before it is the adapter's own), {@code Rssi} (Windows 11) the signal in dBm, else the value
   * ending in {@code %} the signal quality.
   */
  public static List<WifiLink> wifi(String output) {
    List<WifiLink> out = new ArrayList<>();
    WifiBlock block = new WifiBlock();
    for (String raw : (output + "\n").split("\r?\n", -1)) {
      if (raw.isBlank()) {
        block.link().ifPresent(out::add);
        block = new WifiBlock();
        continue;
      }
      int colon = raw.indexOf(':');
      if (colon > 0) {
        block.add(raw.substring(0, colon).strip(), raw.substring(colon + 1).strip());
      }
    }
    return out;
  }

  private static final class WifiBlock {
    private String name;
    private String ssid;
    private boolean afterSsid;
    private String bssid;
    private Integer rssi;
    private Integer quality;

    void add(String label, String value) {
      if (value.isEmpty()) {
        return;
      }
      if (name == null) {
        name = value;
      } else if (label.equalsIgnoreCase("SSID")) {
        ssid = value;
        afterSsid = true;
      } else if (afterSsid && bssid == null && MAC.matcher(value).matches()) {
        bssid = Macs.normalize(value);
      } else if (label.equalsIgnoreCase("Rssi")) {
        rssi = parseInt(value);
      } else if (value.matches("\\d{1,3}\\s*%")) {
        quality = parseInt(value.substring(0, value.indexOf('%')));
      }
    }

    Optional<WifiLink> link() {
      if (bssid == null) {
        return Optional.empty();
      }
      // Without Rssi, Windows gives quality in percent: -100 dBm at 0 % to -50 dBm at 100 % is its own mapping.
      Integer signal = rssi != null ? rssi : quality == null ? null : quality / 2 - 100;
      return Optional.of(new WifiLink(name, ssid, bssid, signal, null));
    }
  }

  /**
   * {@code netstat -ano}: TCP listening and established, UDP bound, with the owning pid. A TCP state
   * this parser does not know (German Windows prints "ABHÖREN", "HERGESTELLT") refuses the whole
   * output: telling listeners from sessions by position alone would misfile half-closed ones.
   */
  public static List<SocketInfo> sockets(String output) {
    List<SocketInfo> out = new ArrayList<>();
    for (String raw : output.split("\r?\n")) {
      String[] f = raw.strip().split("\\s+");
      if (f.length < 4 || !(f[0].equals("TCP") || f[0].equals("UDP"))) {
        continue;
      }
      boolean tcp = f[0].equals("TCP");
      String state = tcp ? f[3] : "UNCONN";
      if (tcp && !TCP_STATES.contains(state)) {
        throw new UnreadableOutputException("netstat -ano printed TCP state '" + state
            + "', not one of the English states this agent reads (a Windows display language other than English)");
      }
      if (tcp && !state.equals("LISTENING") && !state.equals("ESTABLISHED")) {
        continue;
      }
      String pid = tcp ? (f.length > 4 ? f[4] : null) : f[3];
      String[] local = Endpoints.hostPort(f[1]);
      String[] remote = Endpoints.hostPort(f[2]);
      boolean connected = state.equals("ESTABLISHED");
      out.add(new SocketInfo(tcp ? "tcp" : "udp", local[0], parseInt(local[1]),
          connected ? remote[0] : null, connected ? parseInt(remote[1]) : null,
          state.equals("LISTENING") ? "LISTEN" : state, pid == null ? null : parseInt(pid), null));
    }
    return out;
  }

  /**
   * {@code ipconfig /all}: "DNS Servers . . . : a" (German "DNS-Server") and the indented
   * continuation lines after it. Output that has adapters with addresses but no DNS label this
   * parser knows is in another language and is refused, rather than reported as "no DNS servers".
   */
  public static List<String> dns(String output) {
    List<String> out = new ArrayList<>();
    boolean inDns = false;
    boolean labelSeen = false;
    boolean addressSeen = false;
    for (String raw : output.split("\r?\n")) {
      String line = raw.strip();
      var label = DNS_LABEL.matcher(line);
      if (label.matches()) {
        inDns = true;
        labelSeen = true;
        line = label.group(2).strip();
      } else if (inDns && (line.contains(":") && line.contains(". .") || line.isEmpty())) {
        inDns = false;
      }
      addressSeen |= line.contains(". .") && line.matches(".*:\\s*\\d{1,3}(\\.\\d{1,3}){3}.*");
      if (inDns && (isIpv4(line) || line.matches("[0-9a-fA-F:]+(%\\d+)?") && line.contains(":"))) {
        String server = line.replaceAll("%\\d+$", "");
        if (!out.contains(server)) {
          out.add(server);
        }
      }
    }
    if (!labelSeen && addressSeen) {
      throw new UnreadableOutputException("ipconfig /all names its DNS servers in a language this agent does not "
          + "read (it reads English \"DNS Servers\" and German \"DNS-Server\")");
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
