package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.NetworkProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.network.Gateways;
import io.farmwatch.agent.probe.network.Macs;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.WifiLink;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Linux network position from iproute2 (addresses, routes, neighbours), sysfs (MAC provenance,
 * Wi-Fi), {@code iw} (association), procfs (sockets) and resolv.conf (DNS).
 */
public final class LinuxNetworkProbe implements NetworkProbe {

  private final SystemFiles files;
  private final CommandRunner commands;

  public LinuxNetworkProbe(SystemFiles files, CommandRunner commands) {
    this.files = files;
    this.commands = commands;
  }

  @Override
  public ProbeResult<NetworkState> collect() {
    Missing missing = new Missing();
    List<NetInterface> interfaces = interfaces(missing);
    List<Route> routes = new ArrayList<>();
    routes.addAll(routes(List.of("ip", "-j", "-4", "route", "show"), false, missing));
    routes.addAll(routes(List.of("ip", "-j", "-6", "route", "show"), true, missing));
    List<Neighbor> neighbors = neighbors(missing);
    List<Gateway> gateways = Gateways.derive(routes, neighbors, "ip neigh", missing);
    return missing.result(new NetworkState(interfaces, routes, gateways, neighbors, dns(missing),
        wifi(interfaces, missing), sockets(missing)));
  }

  private List<NetInterface> interfaces(Missing missing) {
    CommandRunner.Output out = commands.run(List.of("ip", "-j", "-d", "addr", "show"));
    if (!out.ok()) {
      missing.add("network.interfaces", "ip -j -d addr show", out.failure());
      return null;
    }
    try {
      return IpJson.interfaces(out.stdout(),
          name -> Files.isDirectory(files.path("/sys/class/net/" + name + "/wireless")),
          this::permanentMac);
    } catch (IOException e) {
      missing.add("network.interfaces", "ip -j -d addr show", "unparseable output: " + e.getMessage());
      return null;
    }
  }

  /**
   * The kernel's addr_assign_type says whether the current MAC is the burned-in one (0); for
   * randomized (1) or software-set (3) addresses the permanent one is not exposed in sysfs.
   */
  private String permanentMac(String name) {
    String type = files.read("/sys/class/net/" + name + "/addr_assign_type").orElse("");
    if (!type.equals("0")) {
      return null;
    }
    return files.read("/sys/class/net/" + name + "/address").map(Macs::normalize).orElse(null);
  }

  private List<Route> routes(List<String> command, boolean ipv6, Missing missing) {
    CommandRunner.Output out = commands.run(command);
    try {
      if (out.ok()) {
        return IpJson.routes(out.stdout(), ipv6);
      }
      missing.add("network.routes", String.join(" ", command), out.failure());
    } catch (IOException e) {
      missing.add("network.routes", String.join(" ", command), "unparseable output: " + e.getMessage());
    }
    return List.of();
  }

  private List<Neighbor> neighbors(Missing missing) {
    CommandRunner.Output out = commands.run(List.of("ip", "-j", "neigh", "show"));
    try {
      if (out.ok()) {
        return IpJson.neighbors(out.stdout());
      }
      missing.add("network.neighbors", "ip -j neigh show", out.failure());
    } catch (IOException e) {
      missing.add("network.neighbors", "ip -j neigh show", "unparseable output: " + e.getMessage());
    }
    return List.of();
  }

  /** systemd-resolved's stub (127.0.0.53) hides the real servers; its upstream file names them. */
  private List<String> dns(Missing missing) {
    String text = files.read("/run/systemd/resolve/resolv.conf")
        .or(() -> files.read("/etc/resolv.conf")).orElse(null);
    if (text == null) {
      missing.add("network.dnsServers", "/etc/resolv.conf", "not present or unreadable");
      return null;
    }
    Set<String> servers = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 2 && f[0].equals("nameserver")) {
        servers.add(f[1]);
      }
    }
    return List.copyOf(servers);
  }

  private List<WifiLink> wifi(List<NetInterface> interfaces, Missing missing) {
    if (interfaces == null) {
      return null;
    }
    List<WifiLink> links = new ArrayList<>();
    for (NetInterface nic : interfaces) {
      if (!"wifi".equals(nic.type())) {
        continue;
      }
      CommandRunner.Output out = commands.run(List.of("iw", "dev", nic.name(), "link"));
      if (!out.ok()) {
        missing.add("network.wifi[" + nic.name() + "]", "iw dev " + nic.name() + " link", out.failure());
        continue;
      }
      WifiLink link = IwLink.parse(nic.name(), out.stdout());
      if (link != null) {
        links.add(link);
      }
    }
    return links;
  }

  private List<SocketInfo> sockets(Missing missing) {
    Map<Long, ProcNetSockets.Owner> owners = SocketOwners.scan(files.path("/proc"));
    List<SocketInfo> sockets = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
      String text = files.read("/proc/net/" + table).orElse(null);
      if (text == null) {
        missing.add("network.sockets", "/proc/net/" + table, "not present or unreadable");
        continue;
      }
      sockets.addAll(ProcNetSockets.parse(text, table.startsWith("tcp") ? "tcp" : "udp", owners));
    }
    return sockets;
  }
}
