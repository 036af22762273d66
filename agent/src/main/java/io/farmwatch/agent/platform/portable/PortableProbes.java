package io.farmwatch.agent.platform.portable;

import io.farmwatch.agent.probe.LocaleProbe;
import io.farmwatch.agent.probe.NetworkProbe;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.hardware.CachedHardwareProbe;
import io.farmwatch.agent.probe.hardware.HypervisorFlag;
import java.time.Clock;
import oshi.SystemInfo;

/**
 * Hardware, processes and peripherals wherever OSHI works (Windows and macOS use them); network and
 * locale come from the platform's own commands.
 */
public final class PortableProbes {

  private PortableProbes() {}

  public static ProbeSet with(NetworkProbe network, LocaleProbe locale, HypervisorFlag hypervisorFlag,
      boolean sendCommandLines, Clock clock) {
    SystemInfo system = new SystemInfo();
    return new ProbeSet(new CachedHardwareProbe(new OshiHardwareProbe(system, hypervisorFlag), clock), network,
        new OshiProcessProbe(system, sendCommandLines), new OshiPeripheralProbe(system), locale);
  }
}
