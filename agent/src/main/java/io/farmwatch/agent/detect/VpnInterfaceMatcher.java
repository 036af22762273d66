package io.farmwatch.agent.detect;

import static io.farmwatch.agent.detect.Findings.observation;

import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.Severity;
import java.util.List;
import java.util.Set;

/**
 * Tunnel interfaces (tun, tap, WireGuard, utun, ppp, ipsec), and above all a default route through
 * one: then everything the laptop sends leaves from somewhere else than where it sits.
 */
final class VpnInterfaceMatcher {

  static final Set<String> TUNNEL_TYPES = Set.of("tun", "tap", "wireguard", "ppp");
  static final List<String> TUNNEL_PREFIXES = List.of("tun", "tap", "wg", "utun", "ppp", "ipsec", "gpd", "nordlynx");

  void match(Report report, Findings findings) {
    if (report.network() == null || report.network().interfaces() == null) {
      return;
    }
    List<Route> routes = report.network().routes() == null ? List.of() : report.network().routes();
    for (NetInterface nic : report.network().interfaces()) {
      if (!isTunnel(nic)) {
        continue;
      }
      boolean defaultRoute = routes.stream().anyMatch(r -> nic.name().equals(r.interfaceName())
          && isDefaultOrSplitDefault(r.destination()));
      findings.add(FindingKind.VPN, "tunnel interface " + nic.name(), defaultRoute ? Severity.MEDIUM : Severity.LOW,
          observation("interface", nic.name(), "type", nic.type(), "up", nic.up(), "addresses", nic.addresses(),
              "defaultRoute", defaultRoute),
          defaultRoute ? "the default route goes through tunnel interface " + nic.name()
              + ": traffic leaves from the tunnel's exit, not from where the laptop is"
              : "tunnel interface " + nic.name() + " (" + nic.type() + ") exists");
    }
  }

  static boolean isTunnel(NetInterface nic) {
    return TUNNEL_TYPES.contains(nic.type()) || TUNNEL_PREFIXES.stream().anyMatch(p -> nic.name().startsWith(p));
  }

  /** OpenVPN and WireGuard often use 0.0.0.0/1 + 128.0.0.0/1 instead of replacing the default route. */
  static boolean isDefaultOrSplitDefault(String destination) {
    return destination.equals("0.0.0.0/0") || destination.equals("::/0") || destination.equals("0.0.0.0/1")
        || destination.equals("128.0.0.0/1") || destination.equals("::/1") || destination.equals("8000::/1");
  }
}
