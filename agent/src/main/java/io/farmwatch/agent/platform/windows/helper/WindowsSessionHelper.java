package io.farmwatch.agent.platform.windows.helper;

import io.farmwatch.agent.helper.SessionHelper;
import io.farmwatch.agent.platform.windows.WindowsHookInputSource;
import io.farmwatch.agent.platform.windows.WindowsPlatform;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.runtime.schedule.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The session helper as it runs on Windows, started by the MSI's HKLM Run entry at every logon in
 * the user's own session: low-level hooks for input (injected input flagged by LLKHF_INJECTED and
 * LLMHF_INJECTED), the keyboard layouts and IMEs from this user's HKCU (the SYSTEM service reads
 * its own HKCU, which holds none of the employee's layouts), and the session's pipe to the service.
 */
public final class WindowsSessionHelper {

  private WindowsSessionHelper() {}

  public static SessionHelper create() {
    CommandRunner commands = new CommandRunner();
    return new SessionHelper(new WindowsHookInputSource(), WindowsPipeConnector.forThisSession(),
        () -> WindowsPlatform.locale(commands).collect().value(), Clock.systemUTC(),
        new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), RandomGenerator.getDefault()));
  }
}
