package io.farmwatch.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.platform.portable.PortableProbes;
import io.farmwatch.agent.probe.ProbeContractKit;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.hardware.HypervisorFlag;
import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.protocol.report.Route;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The Windows probes on command output recorded on real Windows machines (fixtures/windows/README.md
 * names the sources); their OSHI part runs live here.
 */
class WindowsProbeContractTest extends ProbeContractKit {

  @Override
  protected ProbeSet probes() {
    RecordedCommands commands = RecordedWindows.recordedDesktop();
    // The WMI hypervisor flag needs Windows; the kit checks the probes with no answer read.
    return PortableProbes.with(new WindowsNetworkProbe(commands, RecordedWindows::recordedDesktopInterfaces),
        WindowsPlatform.locale(commands), HypervisorFlag.NOT_READ, false, Clock.systemUTC());
  }

  @Test
  void routesAreNamedByTheirAdapterNotItsAddress() {
    assertThat(report.network().routes()).contains(
        new Route("0.0.0.0/0", "10.0.0.1", "eth2", 25, "main"),
        new Route("192.168.84.0/24", null, "net5", 281, "main"),
        new Route("127.0.0.0/8", null, "lo", 331, "main"));
    assertThat(report.network().defaultGateways()).singleElement().satisfies(g -> {
      assertThat(g.interfaceName()).isEqualTo("eth2");
      assertThat(g.mac()).isEqualTo("6a:d7:9a:29:2b:82");
    });
    assertThat(report.network().wifi()).singleElement().satisfies(w -> assertThat(w.ssid()).isEqualTo("SSID-1"));
    assertThat(report.network().sockets()).isNotEmpty();
    assertThat(report.network().dnsServers()).contains("8.8.8.8");
  }
}
