package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.Unavailable;
import java.util.List;

/** One probe per concern; the platform the agent runs on chooses them. */
public record ProbeSet(
    HardwareProbe hardware, NetworkProbe network, ProcessProbe processes, PeripheralProbe peripherals,
    LocaleProbe locale) {

  /** Every section reported as unavailable, with the reason, rather than guessed. */
  public static ProbeSet unsupported(String osName) {
    return new ProbeSet(() -> none("hardware", osName), () -> none("network", osName),
        () -> none("processes", osName), () -> none("peripherals", osName), () -> none("locale", osName));
  }

  private static <T> ProbeResult<T> none(String section, String osName) {
    return new ProbeResult<>(null, List.of(new Unavailable(section, osName,
        "this agent release has no " + section + " probe for " + osName)));
  }
}
