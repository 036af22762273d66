package io.farmwatch.agent.probe.network;

import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names routes and neighbours by the interface that carries them. Windows' {@code route print} and
 * {@code arp -a} give an interface by its IPv4 address; the report's {@code interfaceName} always
 * names an entry of {@code network.interfaces}, so an address becomes the name of the interface
 * holding it (or nothing, if none does). Names pass through unchanged.
 */
final class InterfaceNames {

  private final Map<String, String> byAddress = new HashMap<>();

  InterfaceNames(List<NetInterface> interfaces) {
    for (NetInterface nic : interfaces == null ? List.<NetInterface>of() : interfaces) {
      for (String cidr : nic.addresses() == null ? List.<String>of() : nic.addresses()) {
        byAddress.putIfAbsent(cidr.substring(0, cidr.indexOf('/') < 0 ? cidr.length() : cidr.indexOf('/')), nic.name());
      }
    }
  }

  List<Route> routes(List<Route> routes) {
    return routes.stream().map(r -> new Route(r.destination(), r.gateway(), name(r.interfaceName()), r.metric(),
        r.table())).toList();
  }

  List<Neighbor> neighbors(List<Neighbor> neighbors) {
    return neighbors.stream().map(n -> new Neighbor(n.address(), n.mac(), name(n.interfaceName()), n.state()))
        .toList();
  }

  private String name(String given) {
    if (given == null || !given.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return given;
    }
    return byAddress.get(given);
  }
}
