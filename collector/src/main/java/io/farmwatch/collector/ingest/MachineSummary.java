package io.farmwatch.collector.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.WifiLink;
import java.util.List;

/**
 * What the machine list shows of a device, taken from its latest report. Kept beside the device so
 * it outlives the raw reports that retention prunes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachineSummary(
    String os, String vendor, String model, String serial, String fingerprint, String timezone,
    List<String> gatewayMacs, List<String> wifiBssids, List<Finding> openFindings) {

  public static MachineSummary of(Report report) {
    HardwareIdentity hw = report.hardware();
    String os = report.device().os() == null ? null
        : join(report.device().os().name(), report.device().os().version());
    List<String> gateways = report.network() == null || report.network().defaultGateways() == null
        ? List.of()
        : report.network().defaultGateways().stream().map(Gateway::mac)
            .filter(m -> m != null).distinct().toList();
    List<String> bssids = report.network() == null || report.network().wifi() == null
        ? List.of()
        : report.network().wifi().stream().map(WifiLink::bssid).filter(b -> b != null).distinct().toList();
    return new MachineSummary(os,
        hw == null ? null : hw.vendor(), hw == null ? null : hw.model(),
        hw == null ? null : hw.serial(), hw == null ? null : hw.fingerprint(),
        report.locale() == null ? null : report.locale().timezone(),
        gateways, bssids, report.findings());
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + " " + b;
  }
}
