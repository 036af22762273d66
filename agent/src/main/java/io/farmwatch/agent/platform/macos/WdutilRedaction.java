package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.CommandRunner;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Since macOS 14.4, {@code wdutil info} prints {@code <redacted>} for the SSID and BSSID unless the
 * reading process holds Location Services authorization, even as root. This runner turns such output
 * into a failure whose reason says so and what lifts it, so the probe reports the Wi-Fi link
 * unavailable for that reason instead of as if the Mac had no Wi-Fi (docs/runtime.md, "macOS").
 */
final class WdutilRedaction extends CommandRunner {

  static final List<String> COMMAND = List.of("wdutil", "info");

  static final String REASON = "macOS redacts the Wi-Fi BSSID (wdutil prints <redacted>, macOS 14.4 and later) "
      + "unless the agent holds Location Services authorization, which no configuration profile can grant: "
      + "a user allows Location Services for the FarmWatch agent in System Settings > Privacy & Security";

  // The WIFI section's BSSID line, whatever its padding: "    BSSID                : <redacted>".
  private static final Pattern REDACTED_BSSID = Pattern.compile("(?m)^\\s*BSSID\\s*:\\s*<redacted>\\s*$");

  private final CommandRunner delegate;

  WdutilRedaction(CommandRunner delegate) {
    this.delegate = delegate;
  }

  @Override
  public Output run(List<String> command, boolean withStderr) {
    Output out = delegate.run(command, withStderr);
    if (out.ok() && command.equals(COMMAND) && REDACTED_BSSID.matcher(out.stdout()).find()) {
      return new Output(false, out.stdout(), REASON);
    }
    return out;
  }
}
