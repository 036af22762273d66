package io.farmwatch.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.network.CommandNetworkProbe.InterfaceLister;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Windows VPN that takes the default route is recognised from what {@code route print} and
 * {@code ipconfig /all} show: the routes name their interface by address, which must become the
 * adapter the detector knows as a tunnel.
 */
class WindowsVpnDetectionTest {

  @Test
  void openVpnOverTapWindowsTakesTheDefaultRoute() {
    assertVpnDefaultRouteThrough("eth3", RecordedWindows.laptopOnOpenVpnTap(), RecordedWindows::laptopInterfaces);
  }

  @Test
  void openVpnOverWintunTakesTheDefaultRoute() {
    assertVpnDefaultRouteThrough("net3", RecordedWindows.desktopOnOpenVpnWintun(), RecordedWindows::desktopInterfaces);
  }

  private static void assertVpnDefaultRouteThrough(String adapter, CommandRunner commands, InterfaceLister interfaces) {
    assertThat(vpnFindings(commands, interfaces)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.evidence()).containsEntry("interface", adapter).containsEntry("defaultRoute", true);
    });
  }

  private static List<Finding> vpnFindings(CommandRunner commands, InterfaceLister interfaces) {
    var network = new WindowsNetworkProbe(commands, interfaces).collect().value();
    Report report = new Report(Report.SCHEMA_VERSION, new DeviceInfo(null, "test", 1, Instant.now(), "h", null),
        null, network, null, null, null, null, null, List.of(), List.of());
    return DetectorFactory.create(List.of(), List.of()).detect(report).stream()
        .filter(f -> f.kind() == FindingKind.VPN).toList();
  }
}
