package io.farmwatch.collector.correlate;

import io.farmwatch.collector.net.Cidr;
import io.farmwatch.protocol.report.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the engine judges co-location.
 *
 * @param officeEgress declared office egress blocks: co-location behind them is expected
 * @param officeGatewayMacs declared office gateway MACs, likewise
 * @param window two sightings of one signal count as concurrent when this close in time
 * @param silentAfter an enrolled agent that has not reported for this long raises AGENT_SILENT
 * @param sameAssigneeSeverity severity when every co-located laptop belongs to one employee
 * @param history how long each device's per-minute activity is kept and read back
 * @param activityRefresh how long a device's activity profile and a cluster's verdict are reused
 *     before the history is read again
 */
public record CorrelationSettings(
    List<Cidr> officeEgress, Set<String> officeGatewayMacs, Duration window, Duration silentAfter,
    Severity sameAssigneeSeverity, Duration history, Duration activityRefresh) {

  public static final Duration DEFAULT_HISTORY = Duration.ofDays(14);
  /** A report adds minutes to days of history: an hour-old reading says nearly the same. */
  public static final Duration DEFAULT_ACTIVITY_REFRESH = Duration.ofHours(1);
  public static final CorrelationSettings DEFAULT = new CorrelationSettings(List.of(), Set.of(), Duration.ofHours(24),
      Duration.ofHours(24), Severity.INFO, DEFAULT_HISTORY);

  public CorrelationSettings {
    officeEgress = List.copyOf(officeEgress);
    officeGatewayMacs = Set.copyOf(officeGatewayMacs);
  }

  /** Settings that reuse activity readings for {@link #DEFAULT_ACTIVITY_REFRESH}. */
  public CorrelationSettings(List<Cidr> officeEgress, Set<String> officeGatewayMacs, Duration window,
      Duration silentAfter, Severity sameAssigneeSeverity, Duration history) {
    this(officeEgress, officeGatewayMacs, window, silentAfter, sameAssigneeSeverity, history,
        DEFAULT_ACTIVITY_REFRESH);
  }

  boolean isOffice(DeviceObservation o) {
    if (o.egress() != null && !officeEgress.isEmpty()) {
      byte[] address;
      try {
        address = Cidr.literal(o.egress());
      } catch (IllegalArgumentException e) {
        address = null; // not an address: no office block holds it
      }
      for (Cidr block : officeEgress) {
        if (address != null && block.contains(address)) {
          return true;
        }
      }
    }
    return o.gatewayMacs().stream().anyMatch(officeGatewayMacs::contains);
  }
}
