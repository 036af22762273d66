package io.farmwatch.collector.correlate;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What correlation needs from a device's latest report, small enough to keep 100,000 in memory.
 *
 * @param gatewayMacs MACs of default gateways (strong co-location)
 * @param bssids Wi-Fi access points (strong co-location)
 * @param neighborMacs MACs in the device's ARP/NDP table (LAN adjacency with other devices)
 * @param ownMacs the device's own NIC MACs, so others' neighbour tables can name it
 * @param gatewayIps private gateway addresses: a weak hint that never counts alone
 * @param activeMinutes epoch minutes with input activity, ascending (operator multiplexing)
 */
public record DeviceObservation(
    String deviceId, Instant seenAt, String egress, Set<String> gatewayMacs, Set<String> bssids,
    Set<String> neighborMacs, Set<String> ownMacs, Set<String> gatewayIps, String fingerprint, String serial,
    String timezone, List<String> inputMethods, List<ControlSignal> controls, String vpn,
    long[] activeMinutes) {

  public DeviceObservation {
    gatewayMacs = Set.copyOf(gatewayMacs);
    bssids = Set.copyOf(bssids);
    neighborMacs = Set.copyOf(neighborMacs);
    ownMacs = Set.copyOf(ownMacs);
    gatewayIps = Set.copyOf(gatewayIps);
    inputMethods = List.copyOf(inputMethods);
    controls = List.copyOf(controls);
    activeMinutes = activeMinutes == null ? new long[0] : activeMinutes;
  }
}
