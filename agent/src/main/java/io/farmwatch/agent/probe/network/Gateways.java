package io.farmwatch.agent.probe.network;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import java.util.ArrayList;
import java.util.List;

/** Default gateways and their MACs, from the routing and neighbour tables, on every platform. */
public final class Gateways {

  private Gateways() {}

  public static List<Gateway> derive(List<Route> routes, List<Neighbor> neighbors, String neighborSource,
      Missing missing) {
    List<Gateway> gateways = new ArrayList<>();
    for (Route r : routes) {
      if (!r.destination().equals("0.0.0.0/0") && !r.destination().equals("::/0")) {
        continue;
      }
      String mac = r.gateway() == null ? null : neighbors.stream()
          .filter(n -> n.address().equals(r.gateway())
              && (r.interfaceName() == null || n.interfaceName() == null || r.interfaceName().equals(n.interfaceName())))
          .map(Neighbor::mac).findFirst().orElse(null);
      if (r.gateway() != null && mac == null) {
        missing.add("network.defaultGateways[" + r.gateway() + "].mac", neighborSource,
            "the neighbour table holds no link-layer address for the gateway yet");
      }
      gateways.add(new Gateway(r.gateway(), r.interfaceName(), mac));
    }
    return gateways;
  }
}
