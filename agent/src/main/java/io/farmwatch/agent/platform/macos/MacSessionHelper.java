package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.helper.SessionConnector;
import io.farmwatch.agent.helper.SessionHelper;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.runtime.schedule.Backoff;
import java.time.Clock;

/**
 * The session helper on macOS, started by the LaunchAgent io.farmwatch.agent.session in each Aqua
 * session as that session's user. Because it runs as the user, {@code defaults read
 * com.apple.HIToolbox} reads the employee's enabled keyboard layouts and input methods; the service,
 * running as root, reads root's (an employee's Korean or Chinese input method goes unseen there).
 * Input timing comes from the idle-time polling of {@link MacIdleInputSource}, which needs no Input
 * Monitoring permission.
 */
public final class MacSessionHelper {

  private MacSessionHelper() {}

  public static SessionHelper create(SessionConnector service, CommandRunner commands, Clock clock, Backoff backoff) {
    var locale = MacPlatform.locale(commands);
    return new SessionHelper(MacPlatform.inputSource(), service, () -> locale.collect().value(), clock, backoff);
  }
}
