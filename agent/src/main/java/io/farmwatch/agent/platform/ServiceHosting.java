package io.farmwatch.agent.platform;

import io.farmwatch.agent.helper.service.SessionConversation;
import io.farmwatch.agent.helper.service.SessionGate;
import io.farmwatch.agent.helper.service.SessionIntake;
import io.farmwatch.agent.platform.windows.WindowsPlatform;
import io.farmwatch.agent.platform.windows.helper.OpenSessions;
import io.farmwatch.agent.platform.windows.helper.WindowsPipeCalls;
import io.farmwatch.agent.platform.windows.helper.WindowsSessionPipes;
import io.farmwatch.agent.platform.windows.security.WindowsAcl;
import io.farmwatch.agent.platform.windows.service.WindowsServiceHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the installed service runs on this OS, for the commands: on Windows the agent hosts itself as
 * a service and enrolls from the MSI's settings file; elsewhere systemd or launchd run it and the
 * packages' scripts enroll it. Beside {@link Platform}, the other class that names an OS's package.
 */
public final class ServiceHosting {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceHosting.class);

  private ServiceHosting() {}

  /** Whether {@code run --service} must connect to a service manager itself (Windows). */
  public static boolean hostsItself() {
    return WindowsPlatform.isWindows();
  }

  /**
   * Runs the agent as the Windows service until it is stopped, with a pipe for the session helper
   * of each logged-on session (opened at start for the sessions already there, then at each logon);
   * false when this process was not started by the Service Control Manager.
   *
   * @param helpers where the helpers' counts and layouts go: the running sampler's intake
   */
  public static boolean runHosted(Callable<Integer> agent, SessionIntake helpers, Clock clock) {
    OpenSessions sessions = new OpenSessions();
    try (WindowsSessionPipes pipes = new WindowsSessionPipes(new WindowsPipeCalls(), sessions,
        new SessionConversation(new SessionGate(sessions), helpers, clock)::serve)) {
      return WindowsServiceHost.real(() -> {
        pipes.openLoggedOn();
        return agent.call();
      }, change -> {
        LOG.info("session {} {}", change.sessionId(), change.kind());
        pipes.sessionChanged(change);
      }).run();
    }
  }

  /** Where the installer leaves the silent-enrollment settings. */
  public static Path settingsFile() {
    return hostsItself() ? WindowsPlatform.settingsFile() : Path.of("/etc/farmwatch/agent.env");
  }

  /** Narrows the settings file to SYSTEM and Administrators (a protected DACL) on Windows, mode 600 elsewhere. */
  public static void protectSettingsFile(Path file) throws IOException {
    if (hostsItself()) {
      WindowsAcl.protectSettingsFile(file);
    } else {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
