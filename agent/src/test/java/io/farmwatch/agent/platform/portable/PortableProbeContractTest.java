package io.farmwatch.agent.platform.portable;

import io.farmwatch.agent.platform.linux.LinuxPlatform;
import io.farmwatch.agent.probe.ProbeContractKit;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.hardware.HypervisorFlag;
import java.time.Clock;

/** The OSHI-backed hardware, process and peripheral probes Windows and macOS use, live on Linux. */
class PortableProbeContractTest extends ProbeContractKit {

  @Override
  protected ProbeSet probes() {
    ProbeSet linux = LinuxPlatform.probes(false, Clock.systemUTC());
    return PortableProbes.with(linux.network(), linux.locale(), HypervisorFlag.NOT_READ, false, Clock.systemUTC());
  }
}
