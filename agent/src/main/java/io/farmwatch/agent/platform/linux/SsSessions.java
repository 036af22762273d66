package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.TcpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kernel's tcp_info of the connections on some local ports, through {@code ss -ti}. ss asks the
 * kernel over netlink sock_diag (INET_DIAG), which answers for every user's sockets without root;
 * it comes with iproute2, as the {@code ip} the network probe already runs does, and its
 * {@code rtt:SRTT/RTTVAR} field has read the same since the 2.6 kernels. Decoding the netlink
 * messages and struct tcp_info by hand over JNA would repeat what ss does, with none of its testing.
 * The port filter runs in the kernel, so the answer is a few lines however busy the machine is.
 */
final class SsSessions {

  private static final Pattern RTT = Pattern.compile("(?:^|\\s)rtt:([0-9.]+)/");

  private SsSessions() {}

  /** {@code ss -tinH state established '( sport = :P1 or sport = :P2 )'}. */
  static List<String> command(Set<Integer> localPorts) {
    String filter = localPorts.stream().limit(SessionProbe.MAX_PORTS).map(p -> "sport = :" + p)
        .collect(Collectors.joining(" or ", "( ", " )"));
    return List.of("ss", "-tinH", "state", "established", filter);
  }

  /**
   * Parses {@code ss -tinH state established} output: a line {@code Recv-Q Send-Q Local:Port
   * Peer:Port} per connection, then an indented line of tcp_info fields.
   */
  static List<TcpSession> parse(String text, Set<Integer> localPorts) {
    List<TcpSession> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      String[] cols = line.trim().split("\\s+");
      if (cols.length < 4) {
        continue;
      }
      Endpoint local = Endpoint.parse(cols[2]);
      Endpoint peer = Endpoint.parse(cols[3]);
      if (local == null || peer == null || !localPorts.contains(local.port)) {
        continue;
      }
      Long rtt = null;
      if (i + 1 < lines.length && !lines[i + 1].isEmpty() && Character.isWhitespace(lines[i + 1].charAt(0))) {
        Matcher m = RTT.matcher(lines[i + 1]);
        if (m.find()) {
          rtt = Math.round(Double.parseDouble(m.group(1)) * 1000);
        }
      }
      out.add(new TcpSession(local.port, peer.address, peer.port, rtt));
    }
    return out;
  }

  /** {@code 1.2.3.4:5900}, {@code [::1]:5900} or {@code [fe80::1%eth0]:5900}. */
  private record Endpoint(String address, int port) {
    static Endpoint parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        return null;
      }
      String address = text.substring(0, colon);
      if (address.startsWith("[") && address.endsWith("]")) {
        address = address.substring(1, address.length() - 1);
      }
      int scope = address.indexOf('%');
      address = scope > 0 ? address.substring(0, scope) : address;
      try {
        return new Endpoint(address, Integer.parseInt(text.substring(colon + 1)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
