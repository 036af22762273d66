package io.farmwatch.agent.probe.hardware;

import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.HardwareIdentity;

/** Who the hardware is: firmware identity, CPU, disks, NICs, and signs of virtualization. */
public interface HardwareProbe {
  ProbeResult<HardwareIdentity> collect();
}
