package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.platform.portable.PortableProbes;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.locale.CommandLocaleProbe;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Windows: OSHI for hardware, processes and peripherals, the OS's commands for network and locale. */
public final class WindowsPlatform {

  private WindowsPlatform() {}

  public static ProbeSet probes(boolean sendCommandLines, Clock clock) {
    CommandRunner commands = new CommandRunner();
    return PortableProbes.with(new WindowsNetworkProbe(commands), locale(commands),
        new WmiHypervisorPresent()::indication, sendCommandLines, clock);
  }

  /**
   * {@code reg query "HKCU\Keyboard Layout\Preload"}: the layouts of whoever runs it, so the session
   * helper (in the user's session) runs it, not the SYSTEM service.
   */
  public static CommandLocaleProbe locale(CommandRunner commands) {
    return new CommandLocaleProbe(commands, List.of("reg", "query", "HKCU\\Keyboard Layout\\Preload"),
        WindowsKeyboardLayouts::parse);
  }

  /** Who signed an executable: the Authenticode signature's publisher. */
  public static SignerProbe signers() {
    return new AuthenticodeSigners(new CommandRunner());
  }

  /** The kernel's round trip of remote-control sessions. */
  public static SessionProbe sessionProbe() {
    return new EstatsSessions();
  }

  public static InputSource inputSource() {
    return new WindowsHookInputSource();
  }

  public static Path stateDir() {
    return programData().resolve("FarmWatch").resolve("agent");
  }

  /** The silent-enrollment settings the MSI writes (SYSTEM and Administrators only), as agent.env on Linux. */
  public static Path settingsFile() {
    return programData().resolve("FarmWatch").resolve("agent.env");
  }

  public static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }

  public static Path configFile() {
    return programData().resolve("FarmWatch").resolve("agent.yaml");
  }

  private static Path programData() {
    String dir = System.getenv("ProgramData");
    return Path.of(dir == null ? "C:\\ProgramData" : dir);
  }
}
