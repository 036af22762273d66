package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.ProbeContractKit;
import io.farmwatch.agent.probe.ProbeSet;
import java.time.Clock;

/** The Linux probes, live on this machine. */
class LinuxProbeContractTest extends ProbeContractKit {

  @Override
  protected ProbeSet probes() {
    return LinuxPlatform.probes(false, Clock.systemUTC());
  }
}
