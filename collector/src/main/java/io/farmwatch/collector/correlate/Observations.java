package io.farmwatch.collector.correlate;

import io.farmwatch.collector.net.Cidr;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.WifiLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Derives a {@link DeviceObservation} from a verified report and where it came from. */
public final class Observations {

  private Observations() {}

  public static DeviceObservation of(String deviceId, Report report, String egress, Instant receivedAt) {
    return of(deviceId, report, egress, receivedAt, null);
  }

  /** @param site where the receiving collector stands, so the report's round trips can be judged */
  public static DeviceObservation of(String deviceId, Report report, String egress, Instant receivedAt,
      CollectorSite site) {
    Set<String> gatewayMacs = new LinkedHashSet<>();
    Set<String> gatewayIps = new LinkedHashSet<>();
    Set<String> bssids = new LinkedHashSet<>();
    Set<String> neighbors = new LinkedHashSet<>();
    Set<String> own = new LinkedHashSet<>();
    var net = report.network();
    if (net != null) {
      for (Gateway g : nz(net.defaultGateways())) {
        if (g.mac() != null) {
          gatewayMacs.add(g.mac());
        }
        if (g.address() != null && Cidr.isPrivate(g.address())) {
          gatewayIps.add(g.address());
        }
      }
      for (WifiLink w : nz(net.wifi())) {
        if (w.bssid() != null) {
          bssids.add(w.bssid());
        }
      }
      for (Neighbor n : nz(net.neighbors())) {
        if (n.mac() != null && neighbors.size() < DeviceObservation.MAX_NEIGHBORS) {
          neighbors.add(n.mac());
        }
      }
      for (NetInterface i : nz(net.interfaces())) {
        if (i.mac() != null && !"loopback".equals(i.type())) {
          own.add(i.mac());
        }
      }
    }
    if (report.hardware() != null) {
      for (NicIdentity nic : nz(report.hardware().nics())) {
        if (nic.permanentMac() != null) {
          own.add(nic.permanentMac());
        }
      }
    }
    List<ControlSignal> controls = new ArrayList<>();
    String vpn = null;
    for (Finding f : report.findings()) {
      Signal control = Signal.ofControl(f.kind());
      if (control != null && f.severity().compareTo(Severity.MEDIUM) >= 0) {
        controls.add(new ControlSignal(control, f.name(), f.severity()));
      } else if (f.kind() == FindingKind.VPN && f.severity().compareTo(Severity.MEDIUM) >= 0 && vpn == null) {
        vpn = f.name();
      }
    }
    var locale = report.locale();
    return new DeviceObservation(deviceId, receivedAt, egress, gatewayMacs, bssids, neighbors, own, gatewayIps,
        report.hardware() == null ? null : report.hardware().fingerprint(),
        report.hardware() == null ? null : report.hardware().serial(),
        locale == null ? null : locale.timezone(),
        locale == null || locale.inputMethods() == null ? List.of() : locale.inputMethods(), controls, vpn,
        report.agent() == null ? null : report.agent().collectorRtt(), site);
  }

  private static <T> List<T> nz(List<T> list) {
    return list == null ? List.of() : list;
  }
}
