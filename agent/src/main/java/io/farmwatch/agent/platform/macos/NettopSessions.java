package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.TcpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS keeps each connection's round trip in the kernel's network statistics, which
 * {@code getsockopt(TCP_CONNECTION_INFO)} reads only for a socket the caller owns; for another
 * process's session, {@code nettop} reads the same statistics ({@code rtt_avg}) for every socket.
 * One logging pass ({@code -L 1}) as CSV, numeric, columns found by their header names.
 */
final class NettopSessions {

  private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(us|ms|s)?");

  /** nettop cannot filter by port; the parser keeps the watched ones. */
  static final List<String> COMMAND = List.of("nettop", "-m", "tcp", "-L", "1", "-n", "-x", "-J", "state,rtt_avg");

  private NettopSessions() {}

  /**
   * A process's summary row, then one row per socket whose name is
   * {@code tcp4 10.0.0.5:5900<->203.0.113.9:60123} (IPv6 ports after a dot). The name column is the
   * one with an empty header: second after {@code time} in nettop's default columns, first under
   * {@code -J}, which prints only the columns it names ({@code ,state,rtt_avg,}).
   */
  static List<TcpSession> parse(String csv, Set<Integer> localPorts) {
    String[] lines = csv.split("\r?\n");
    List<String> header = List.of(lines[0].split(",", -1));
    int name = header.indexOf("");
    int state = header.indexOf("state");
    int rtt = header.indexOf("rtt_avg");
    List<TcpSession> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] cols = lines[i].split(",", -1);
      if (name < 0 || state < 0 || Math.max(name, state) >= cols.length || !cols[name].contains("<->")
          || !cols[state].trim().equalsIgnoreCase("Established")) {
        continue;
      }
      String flow = cols[name].trim();
      flow = flow.substring(flow.indexOf(' ') + 1);
      String[] ends = flow.split("<->", 2);
      Endpoint local = Endpoint.parse(ends[0]);
      Endpoint peer = Endpoint.parse(ends[1]);
      if (local == null || peer == null || !localPorts.contains(local.port())) {
        continue;
      }
      out.add(new TcpSession(local.port(), peer.address(), peer.port(), rtt >= 0 && rtt < cols.length ? micros(cols[rtt]) : null));
    }
    return out;
  }

  private static Long micros(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    double micros = switch (unit) {
      case "us" -> n;
      case "s" -> n * 1_000_000;
      default -> n * 1000;
    };
    return micros <= 0 ? null : Math.round(micros);
  }

  /** {@code 10.0.0.5:5900}, or {@code fe80::1%en0.5900} for IPv6. */
  private record Endpoint(String address, int port) {
    static Endpoint parse(String text) {
      String t = text.trim();
      int cut = t.indexOf(':') == t.lastIndexOf(':') ? t.lastIndexOf(':') : t.lastIndexOf('.');
      if (cut <= 0) {
        return null;
      }
      String address = t.substring(0, cut);
      int scope = address.indexOf('%');
      try {
        return new Endpoint(scope > 0 ? address.substring(0, scope) : address, Integer.parseInt(t.substring(cut + 1)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
