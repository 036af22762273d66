package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Where the device sits on the network. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkState(
    List<NetInterface> interfaces,
    List<Route> routes,
    List<Gateway> defaultGateways,
    List<Neighbor> neighbors,
    List<String> dnsServers,
    List<WifiLink> wifi,
    List<SocketInfo> sockets) {}
