package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.probe.CommandRunner;
import java.util.List;

/**
 * Since Windows 11 24H2, {@code netsh wlan show interfaces} prints no interface details (and exits
 * with 1) unless location access is allowed, printing instead a notice that points at the
 * {@code ms-settings:privacy-location} page. That URI is the same in every display language, so it
 * is what this runner looks for; the probe then reports Wi-Fi unavailable with the reason and the
 * setting that lifts it, instead of "netsh exited with 1". See docs/probes.md, "Windows Wi-Fi and
 * location consent".
 */
final class WlanLocationConsent extends CommandRunner {

  static final List<String> COMMAND = List.of("netsh", "wlan", "show", "interfaces");

  static final String REASON = "Windows withholds Wi-Fi details from netsh until location access is allowed "
      + "(Windows 11 24H2 and later): allow it with the MDM policy Privacy/LetAppsAccessLocation = 1 (Force allow; "
      + "Intune settings catalog: Privacy > Let Apps Access Location) with System/AllowLocation not 0, or on the "
      + "machine under Settings > Privacy & security > Location (Location services and "
      + "'Let desktop apps access your location')";

  private final CommandRunner delegate;

  WlanLocationConsent(CommandRunner delegate) {
    this.delegate = delegate;
  }

  @Override
  public Output run(List<String> command, boolean withStderr) {
    Output out = delegate.run(command, withStderr);
    if (command.equals(COMMAND) && out.stdout().contains("ms-settings:privacy-location")) {
      return new Output(false, out.stdout(), REASON);
    }
    return out;
  }
}
