package io.farmwatch.agent.platform;

import io.farmwatch.agent.helper.SessionConnector;
import io.farmwatch.agent.helper.unix.UnixSessionConnector;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.platform.linux.LinuxPlatform;
import io.farmwatch.agent.platform.macos.MacPlatform;
import io.farmwatch.agent.platform.windows.WindowsPlatform;
import io.farmwatch.agent.platform.windows.helper.WindowsPipeConnector;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.probe.signer.CachedSignerProbe;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.protocol.report.LocaleInfo;
import io.farmwatch.protocol.report.OsInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The operating system this agent runs on, chosen once from {@code os.name}: its probes, its input
 * source, where the agent keeps its state and looks for its config, and what the report says about
 * the OS. Each OS's code lives in one package below this one; this is the only class that names
 * them, so callers never see a platform type.
 *
 * <p>The platform packages hand over plain functions and values rather than implementing an
 * interface declared here, so that they need not import this package back.
 */
public final class Platform {

  /** Builds one platform's probe set. */
  @FunctionalInterface
  interface ProbeFactory {
    ProbeSet create(boolean sendCommandLines, Clock clock);
  }

  /** Where the Linux service listens for session helpers (its systemd unit's RuntimeDirectory). */
  public static final String LINUX_SESSION_SOCKET = "/run/farmwatch-agent/session.sock";
  /** macOS has no /run; /var/run is root's to write and everyone's to reach. */
  public static final String MAC_SESSION_SOCKET = "/var/run/farmwatch-agent-session.sock";

  private final String family;
  private final ProbeFactory probes;
  private final Supplier<InputSource> input;
  private final Supplier<SignerProbe> signers;
  private final Path stateDir;
  private final Path configFile;
  private final Supplier<String> prettyName;
  private final Supplier<SessionProbe> sessions;

  private Platform(String family, ProbeFactory probes, Supplier<InputSource> input, Supplier<SignerProbe> signers,
      Path stateDir, Path configFile, Supplier<String> prettyName, Supplier<SessionProbe> sessions) {
    this.family = family;
    this.probes = probes;
    this.input = input;
    this.signers = signers;
    this.stateDir = stateDir;
    this.configFile = configFile;
    this.prettyName = prettyName;
    this.sessions = sessions;
  }

  public static Platform forThisMachine() {
    return named(System.getProperty("os.name"));
  }

  static Platform named(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return new Platform("windows", WindowsPlatform::probes, WindowsPlatform::inputSource,
          WindowsPlatform::signers, WindowsPlatform.stateDir(), WindowsPlatform.configFile(), () -> osName,
          WindowsPlatform::sessionProbe);
    }
    if (os.startsWith("mac")) {
      return new Platform("macos", MacPlatform::probes, MacPlatform::inputSource, MacPlatform::signers,
          MacPlatform.STATE_DIR, MacPlatform.CONFIG_FILE, () -> osName, MacPlatform::sessionProbe);
    }
    if (os.startsWith("linux")) {
      return new Platform("linux", LinuxPlatform::probes, LinuxPlatform::inputSource, LinuxPlatform::signers,
          LinuxPlatform.STATE_DIR, LinuxPlatform.CONFIG_FILE, () -> LinuxPlatform.prettyName(osName),
          LinuxPlatform::sessionProbe);
    }
    // No probes and no input source for an OS this release does not know; the report says so for
    // every section. Its paths and OS facts are the Unix-like ones Linux uses.
    return new Platform("linux", (sendCommandLines, clock) -> ProbeSet.unsupported(osName),
        () -> InputSource.none("no input source for " + osName),
        () -> path -> SignerCheck.missing(osName, "this agent release has no signer lookup for " + osName),
        LinuxPlatform.STATE_DIR, LinuxPlatform.CONFIG_FILE,
        () -> LinuxPlatform.prettyName(osName), () -> SessionProbe.unsupported(osName));
  }

  /**
   * This platform's probes.
   *
   * @param sendCommandLines the privacy switch: send raw command lines, not only their hashes
   */
  public ProbeSet probes(boolean sendCommandLines, Clock clock) {
    return probes.create(sendCommandLines, clock);
  }

  /** The input source this platform has; not started yet. */
  public InputSource inputSource() {
    return input.get();
  }

  /**
   * Who vouches for an executable here (package database, codesign, Authenticode), each file looked
   * up once and then again only when it changes.
   */
  public SignerProbe signers(Clock clock) {
    return new CachedSignerProbe(signers.get(), clock);
  }

  /** Where the kernel's round trip of a remote-control session is read on this platform. */
  public SessionProbe sessionProbe() {
    return sessions.get();
  }

  /**
   * Whether a user owns a graphical session here: logind or the X display's owner on Linux, the
   * console user on macOS. Windows learns its sessions from the service's session changes instead
   * ({@link ServiceHosting}), so nobody here. A plain predicate, so the platform packages need not
   * know the helper's service side.
   */
  public Predicate<String> sessionUsers() {
    return switch (family) {
      case "linux" -> LinuxPlatform.sessionUsers();
      case "macos" -> MacPlatform.sessionUsers();
      default -> user -> false;
    };
  }

  /** What a session helper samples in the user's session. */
  public InputSource sessionInputSource() {
    return switch (family) {
      case "linux" -> LinuxPlatform.sessionInputSource();
      case "macos" -> MacPlatform.inputSource();
      default -> WindowsPlatform.inputSource();
    };
  }

  /**
   * The session's keyboard layouts and input methods, for the session helper to hand on: read in the
   * user's session they are that user's, which the service (SYSTEM, root) cannot read itself.
   */
  public LocaleInfo sessionLocale() {
    return switch (family) {
      case "linux" -> LinuxPlatform.sessionLocale();
      case "macos" -> MacPlatform.locale(new CommandRunner()).collect().value();
      default -> WindowsPlatform.locale(new CommandRunner()).collect().value();
    };
  }

  /** Where the service listens for session helpers on a Unix socket. */
  public Path sessionSocket() {
    return Path.of(family.equals("macos") ? MAC_SESSION_SOCKET : LINUX_SESSION_SOCKET);
  }

  /**
   * How the session helper reaches the service: its session's named pipe on Windows, the service's
   * Unix socket elsewhere.
   */
  public SessionConnector sessionConnector(Path unixSocket) {
    return family.equals("windows") ? WindowsPipeConnector.forThisSession() : new UnixSessionConnector(unixSocket);
  }

  /** Where an installed agent keeps its state. */
  public Path defaultStateDir() {
    return stateDir;
  }

  /** The platform's config file, if one is installed. */
  public Optional<Path> installedConfig() {
    return Files.isRegularFile(configFile) ? Optional.of(configFile) : Optional.empty();
  }

  /** What the report says about the operating system. */
  public OsInfo os() {
    return new OsInfo(family, prettyName.get(), System.getProperty("os.version"), null,
        System.getProperty("os.arch"));
  }
}
