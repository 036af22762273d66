package io.farmwatch.protocol.policy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * How an agent proves who asks for the policy (PROTOCOL.md §7.4): three headers, the last an
 * Ed25519 signature by the device's key over a message naming the request, the device and the
 * time, so a captured signature opens nothing else and expires with the clock-skew window.
 */
public final class DeviceRequestAuth {

  public static final String DEVICE_HEADER = "X-FarmWatch-Device";
  public static final String TIME_HEADER = "X-FarmWatch-Time";
  public static final String SIGNATURE_HEADER = "X-FarmWatch-Signature";
  public static final String PATH = "/api/v1/agent/policy";

  private DeviceRequestAuth() {}

  /** The signed message: {@code GET /api/v1/agent/policy\n<deviceId>\n<time>}, in ASCII. */
  public static byte[] message(String deviceId, String time) {
    return ("GET " + PATH + "\n" + deviceId + "\n" + time).getBytes(StandardCharsets.UTF_8);
  }

  /** The time header's value: the instant in ISO-8601 UTC, whole seconds. */
  public static String time(Instant now) {
    return now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
