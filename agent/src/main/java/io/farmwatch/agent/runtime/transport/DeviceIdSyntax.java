package io.farmwatch.agent.runtime.transport;

import java.util.regex.Pattern;

/**
 * The device ID's syntax (collector-protocol/PROTOCOL.md section 3.1): {@code dev_} and 32
 * lower-case hex digits. The agent stores the ID, logs it and signs it into every report, so an ID
 * of any other shape is refused at enrollment rather than carried for the device's life.
 */
public final class DeviceIdSyntax {

  private static final Pattern ID = Pattern.compile("dev_[0-9a-f]{32}");

  private DeviceIdSyntax() {}

  public static boolean valid(String deviceId) {
    return deviceId != null && deviceId.length() == 36 && ID.matcher(deviceId).matches();
  }
}
