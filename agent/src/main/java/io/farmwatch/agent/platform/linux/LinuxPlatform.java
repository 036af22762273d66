package io.farmwatch.agent.platform.linux;


import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.CommandSessionProbe;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.hardware.CachedHardwareProbe;
import io.farmwatch.agent.probe.signer.SignerProbe;
import io.farmwatch.protocol.report.LocaleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;

/** Linux: every probe reads /proc, /sys and {@code ip}; input comes from X11 or the kernel's evdev. */
public final class LinuxPlatform {

  public static final Path STATE_DIR = Path.of("/var/lib/farmwatch-agent");
  public static final Path CONFIG_FILE = Path.of("/etc/farmwatch/agent.yaml");

  private LinuxPlatform() {}

  public static ProbeSet probes(boolean sendCommandLines, Clock clock) {
    return probes(new SystemFiles(Path.of("/")), new CommandRunner(), sendCommandLines, clock);
  }

  /** The probes reading below {@code files}' root, so tests can hand them a prepared tree. */
  public static ProbeSet probes(SystemFiles files, CommandRunner commands, boolean sendCommandLines, Clock clock) {
    return new ProbeSet(new CachedHardwareProbe(new LinuxHardwareProbe(files), clock),
        new LinuxNetworkProbe(files, commands), new LinuxProcessProbe(files, sendCommandLines),
        new LinuxPeripheralProbe(files), new LinuxLocaleProbe(files, System.getenv()));
  }

  /** The dpkg or rpm package that installed an executable. */
  public static SignerProbe signers() {
    return new PackageSigners(new SystemFiles(Path.of("/")), new CommandRunner());
  }

  /**
   * A desktop session's X server tells injected from physical input best; without one (a root
   * service, Wayland, a console), the kernel's evdev devices still give the timing.
   */
  /** The kernel's round trip of remote-control sessions. */
  public static SessionProbe sessionProbe() {
    return new CommandSessionProbe(new CommandRunner(), SsSessions::command, SsSessions::parse);
  }

  public static InputSource inputSource() {
    return System.getenv("DISPLAY") != null ? new X11InputSource(null) : new EvdevInputSource(Path.of("/"));
  }

  /** Who owns a graphical session here: the users whose session helpers the service takes. */
  public static Predicate<String> sessionUsers() {
    return new LinuxSessionUsers(Path.of("/"))::hasGraphicalSession;
  }

  /**
   * What the session helper samples in the user's session: the X server when there is one
   * (XWayland included); a Wayland session without X gives no client the session's input.
   */
  public static InputSource sessionInputSource() {
    Map<String, String> env = System.getenv();
    if (env.get("DISPLAY") != null) {
      return new X11InputSource(null);
    }
    if (env.get("WAYLAND_DISPLAY") != null || "wayland".equals(env.get("XDG_SESSION_TYPE"))) {
      return InputSource.none("wayland: the compositor gives no client the session's input and there is no X"
          + " server; the service keeps reading evdev, which cannot tell injected input");
    }
    return InputSource.none("no DISPLAY: not a graphical session");
  }

  /** The session's layouts and input methods, as the user's own environment shows them. */
  public static LocaleInfo sessionLocale() {
    return new LinuxLocaleProbe(new SystemFiles(Path.of("/")), System.getenv()).collect().value();
  }

  /** On Linux the distribution's name says more than "Linux". */
  public static String prettyName(String fallback) {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring(12).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return fallback;
    }
    return fallback;
  }
}
