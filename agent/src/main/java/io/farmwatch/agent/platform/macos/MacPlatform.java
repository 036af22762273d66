package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.platform.portable.PortableProbes;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.CommandSessionProbe;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.locale.CommandLocaleProbe;
import io.farmwatch.agent.probe.signer.SignerProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/** macOS: OSHI for hardware, processes and peripherals, the OS's commands for network and locale. */
public final class MacPlatform {

  public static final Path STATE_DIR = Path.of("/Library/Application Support/FarmWatch/agent");
  public static final Path CONFIG_FILE = Path.of("/Library/Application Support/FarmWatch/agent.yaml");

  private MacPlatform() {}

  public static ProbeSet probes(boolean sendCommandLines, Clock clock) {
    CommandRunner commands = new CommandRunner();
    return PortableProbes.with(new MacNetworkProbe(commands), locale(commands),
        new SysctlHypervisorFlag(commands), sendCommandLines, clock);
  }

  /** {@code defaults read com.apple.HIToolbox AppleEnabledInputSources}: the running user's input sources. */
  public static CommandLocaleProbe locale(CommandRunner commands) {
    return new CommandLocaleProbe(commands,
        List.of("defaults", "read", "com.apple.HIToolbox", "AppleEnabledInputSources"), MacInputSources::parse);
  }

  /** Who signed an executable: codesign's verdict and certificate chain. */
  public static SignerProbe signers() {
    return new CodesignSigners(new CommandRunner());
  }

  /** The kernel's round trip of remote-control sessions. */
  public static SessionProbe sessionProbe() {
    return new CommandSessionProbe(new CommandRunner(), ports -> NettopSessions.COMMAND, NettopSessions::parse);
  }

  /** Who owns the graphical session: the console user. */
  public static Predicate<String> sessionUsers() {
    return new MacConsoleUser(new CommandRunner())::hasGraphicalSession;
  }

  public static InputSource inputSource() {
    return new MacIdleInputSource();
  }
}
