package io.farmwatch.collector.correlate;

import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.protocol.report.CollectorRtt;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What correlation needs from a device's latest report, small enough to keep 100,000 in memory.
 *
 * <p>Every list is capped here, not only by the protocol's limits, because observations are also
 * read back from storage at start, where rows written by older collectors may hold anything.
 *
 * @param gatewayMacs MACs of default gateways (strong co-location)
 * @param bssids Wi-Fi access points (strong co-location)
 * @param neighborMacs MACs in the device's ARP/NDP table (LAN adjacency with other devices)
 * @param ownMacs the device's own NIC MACs, so others' neighbour tables can name it
 * @param gatewayIps private gateway addresses: a weak hint that never counts alone
 * @param collectorRtt the round trips the report carried, measured to the collector that received it
 * @param site where that collector stands ({@code --collector-location}); null when it was not told
 */
public record DeviceObservation(
    String deviceId, Instant seenAt, String egress, Set<String> gatewayMacs, Set<String> bssids,
    Set<String> neighborMacs, Set<String> ownMacs, Set<String> gatewayIps, String fingerprint, String serial,
    String timezone, List<String> inputMethods, List<ControlSignal> controls, String vpn,
    CollectorRtt collectorRtt, CollectorSite site) {

  /** Most values kept per set or list; the protocol allows 16 gateways and 16 Wi-Fi links. */
  static final int MAX_VALUES = 16;
  /** Neighbour tables on busy networks are long; the first few hundred say enough. */
  static final int MAX_NEIGHBORS = 256;
  static final int MAX_OWN_MACS = 64;
  static final int MAX_CONTROLS = 32;
  /** Longest string kept; a MAC, address, fingerprint or serial is far shorter. */
  static final int MAX_CHARS = 256;

  public DeviceObservation {
    gatewayMacs = bounded(gatewayMacs, MAX_VALUES);
    bssids = bounded(bssids, MAX_VALUES);
    neighborMacs = bounded(neighborMacs, MAX_NEIGHBORS);
    ownMacs = bounded(ownMacs, MAX_OWN_MACS);
    gatewayIps = bounded(gatewayIps, MAX_VALUES);
    inputMethods = inputMethods.stream().filter(DeviceObservation::fits).limit(MAX_VALUES).toList();
    controls = controls.stream().filter(c -> fits(c.name()))
        .limit(MAX_CONTROLS).toList();
    egress = fits(egress) ? egress : null;
    fingerprint = fits(fingerprint) ? fingerprint : null;
    serial = fits(serial) ? serial : null;
    timezone = fits(timezone) ? timezone : null;
    vpn = fits(vpn) ? vpn : null;
  }

  private static Set<String> bounded(Set<String> values, int max) {
    return values.stream().filter(v -> v != null && fits(v)).limit(max)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static boolean fits(String s) {
    return s == null || s.length() <= MAX_CHARS;
  }
}
