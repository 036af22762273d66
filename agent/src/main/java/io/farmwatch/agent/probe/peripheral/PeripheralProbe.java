package io.farmwatch.agent.probe.peripheral;

import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.Peripherals;

/** What is plugged in: USB devices, displays (EDID), input devices. */
public interface PeripheralProbe {
  ProbeResult<Peripherals> collect();
}
