package io.farmwatch.agent.probe;

import io.farmwatch.agent.probe.hardware.CachedHardwareProbe;
import io.farmwatch.agent.probe.hardware.HardwareProbe;
import io.farmwatch.agent.probe.hardware.linux.LinuxHardwareProbe;
import io.farmwatch.agent.probe.hardware.oshi.OshiHardwareProbe;
import io.farmwatch.agent.probe.locale.CommandLocaleProbe;
import io.farmwatch.agent.probe.locale.LocaleProbe;
import io.farmwatch.agent.probe.network.mac.MacNetworkProbe;
import io.farmwatch.agent.probe.network.windows.WindowsNetworkProbe;
import io.farmwatch.agent.probe.peripheral.oshi.OshiPeripheralProbe;
import io.farmwatch.agent.probe.process.oshi.OshiProcessProbe;
import io.farmwatch.agent.probe.locale.linux.LinuxLocaleProbe;
import io.farmwatch.agent.probe.network.NetworkProbe;
import io.farmwatch.agent.probe.network.linux.LinuxNetworkProbe;
import io.farmwatch.agent.probe.peripheral.PeripheralProbe;
import io.farmwatch.agent.probe.peripheral.linux.LinuxPeripheralProbe;
import io.farmwatch.agent.probe.process.ProcessProbe;
import io.farmwatch.agent.probe.process.linux.LinuxProcessProbe;
import io.farmwatch.protocol.report.Unavailable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;

/** One probe per concern, chosen for the platform the agent runs on. */
public record ProbeSet(
    HardwareProbe hardware, NetworkProbe network, ProcessProbe processes, PeripheralProbe peripherals,
    LocaleProbe locale) {

  /**
   * The probes for this machine.
   *
   * @param sendCommandLines the privacy switch: send raw command lines, not only their hashes
   */
  public static ProbeSet forThisMachine(boolean sendCommandLines, Clock clock) {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    CommandRunner commands = new CommandRunner();
    if (os.startsWith("linux")) {
      return linux(new SystemFiles(Path.of("/")), commands, sendCommandLines, clock);
    }
    if (os.startsWith("windows")) {
      return oshi(new WindowsNetworkProbe(commands), CommandLocaleProbe.windows(commands), sendCommandLines, clock);
    }
    if (os.startsWith("mac")) {
      return oshi(new MacNetworkProbe(commands), CommandLocaleProbe.mac(commands), sendCommandLines, clock);
    }
    return unsupported(System.getProperty("os.name"));
  }

  public static ProbeSet linux(SystemFiles files, CommandRunner commands, boolean sendCommandLines, Clock clock) {
    return new ProbeSet(new CachedHardwareProbe(new LinuxHardwareProbe(files), clock),
        new LinuxNetworkProbe(files, commands), new LinuxProcessProbe(files, sendCommandLines),
        new LinuxPeripheralProbe(files), new LinuxLocaleProbe(files, System.getenv()));
  }

  /** Windows and macOS: OSHI for hardware, processes and peripherals; the OS's commands for the rest. */
  static ProbeSet oshi(NetworkProbe network, LocaleProbe locale, boolean sendCommandLines, Clock clock) {
    SystemInfo system = new SystemInfo();
    return new ProbeSet(new CachedHardwareProbe(new OshiHardwareProbe(system), clock), network,
        new OshiProcessProbe(system, sendCommandLines), new OshiPeripheralProbe(system), locale);
  }

  /** Every section reported as unavailable, with the reason, rather than guessed. */
  static ProbeSet unsupported(String osName) {
    return new ProbeSet(() -> none("hardware", osName), () -> none("network", osName),
        () -> none("processes", osName), () -> none("peripherals", osName), () -> none("locale", osName));
  }

  private static <T> ProbeResult<T> none(String section, String osName) {
    return new ProbeResult<>(null, List.of(new Unavailable(section, osName,
        "this agent release has no " + section + " probe for " + osName)));
  }
}
