package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.Peripherals;

/** What is plugged in: USB devices, displays (EDID), input devices. */
public interface PeripheralProbe {
  ProbeResult<Peripherals> collect();
}
