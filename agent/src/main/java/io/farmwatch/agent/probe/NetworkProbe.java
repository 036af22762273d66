package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.NetworkState;

/** Where the machine sits on the network: interfaces, routes, gateways, neighbours, Wi-Fi, sockets. */
public interface NetworkProbe {
  ProbeResult<NetworkState> collect();
}
