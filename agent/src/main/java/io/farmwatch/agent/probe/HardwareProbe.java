package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.HardwareIdentity;

/** Who the hardware is: firmware identity, CPU, disks, NICs, and signs of virtualization. */
public interface HardwareProbe {
  ProbeResult<HardwareIdentity> collect();
}
