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

/** The Windows probes on recorded command output; their OSHI part runs live here. */
class WindowsProbeContractTest extends ProbeContractKit {

  @Override
  protected ProbeSet probes() {
    RecordedCommands commands = RecordedWindows.laptopOnOpenVpnTap();
    return PortableProbes.with(new WindowsNetworkProbe(commands, RecordedWindows::laptopInterfaces),
        WindowsPlatform.locale(commands), HypervisorFlag.NOT_READ, false, Clock.systemUTC());
  }

  @Test
  void routesAreNamedByTheirAdapterNotItsAddress() {
    assertThat(report.network().routes()).contains(
        new Route("0.0.0.0/0", "192.168.1.1", "wlan0", 35, "main"),
        new Route("0.0.0.0/1", "10.8.0.1", "eth3", 257, "main"),
        new Route("127.0.0.0/8", null, "lo", 331, "main"));
    assertThat(report.network().defaultGateways()).singleElement().satisfies(g -> {
      assertThat(g.interfaceName()).isEqualTo("wlan0");
      assertThat(g.mac()).isEqualTo("a0:63:91:aa:bb:cc");
    });
  }
}
