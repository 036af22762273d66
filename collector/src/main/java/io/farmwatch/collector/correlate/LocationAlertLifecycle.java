package io.farmwatch.collector.correlate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves a device's EGRESS and ROUND_TRIP alerts once their evidence has stayed out of its reports
 * for {@link #QUIET}, and reopens a resolved one when the evidence comes back, as AGENT_SILENT resolves
 * when the agent reports again. One clean report is not enough: a farm can switch its router's VPN off
 * for an hour, but not for a day of reports without being where it claims. An analyst's closing is
 * left alone.
 */
final class LocationAlertLifecycle {

  /** How long after the evidence was last seen a report without it resolves the alert. */
  static final Duration QUIET = Duration.ofHours(24);

  private final AlertStore store;
  /**
   * Location alerts with nothing to resolve (resolved already, closed by an analyst), so that a device's
   * every evaluation does not read their status again.
   */
  private final Set<String> settled = new HashSet<>();
  /** Devices with a location alert: the others, nearly the whole fleet, cost no alert ID per evaluation. */
  private final Set<String> alerted = new HashSet<>();

  LocationAlertLifecycle(AlertStore store) {
    this.store = store;
  }

  /** Takes back the status of an alert an earlier correlator stored. */
  void restore(Alert alert, AlertStatus status) {
    if (alert.kind() != AlertKind.EGRESS && alert.kind() != AlertKind.ROUND_TRIP) {
      return;
    }
    alerted.addAll(alert.deviceIds());
    if (status != AlertStatus.OPEN && status != AlertStatus.ACKNOWLEDGED) {
      settled.add(alert.id());
    }
  }

  /**
   * Follows one evaluation of a device.
   *
   * @param checked the kinds whose evidence the evaluation looked for: only a check that ran can find it gone
   * @param raised the location alerts the evaluation raised
   * @param known the alert with this ID as the engine holds it, or null
   */
  void follow(DeviceObservation o, Set<AlertKind> checked, List<Alert> raised, Function<String, Alert> known) {
    if (!raised.isEmpty()) {
      alerted.add(o.deviceId());
    } else if (!alerted.contains(o.deviceId())) {
      return;
    }
    for (AlertKind kind : checked) {
      String id = AlertIds.of(kind, o.deviceId());
      Alert now = raised.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
      if (now != null) {
        if (settled.remove(id) && store.status(id).orElse(null) == AlertStatus.RESOLVED) {
          store.changeStatus(id, AlertStatus.OPEN, signals(now) + " again in the report of " + o.seenAt());
        }
        continue;
      }
      Alert last = known.apply(id);
      if (last == null || settled.contains(id) || o.seenAt().isBefore(last.lastSeen().plus(QUIET))) {
        continue;
      }
      AlertStatus status = store.status(id).orElse(null);
      if (status == AlertStatus.OPEN || status == AlertStatus.ACKNOWLEDGED) {
        store.changeStatus(id, AlertStatus.RESOLVED, "no " + signals(last) + " in the device's reports since "
            + last.lastSeen() + " (" + QUIET.toHours() + " h without it; report of " + o.seenAt() + ")");
      }
      settled.add(id);
    }
  }

  private static String signals(Alert a) {
    return String.join(" or ", a.evidence().stream().map(e -> e.signal().name()).distinct().toList());
  }
}
