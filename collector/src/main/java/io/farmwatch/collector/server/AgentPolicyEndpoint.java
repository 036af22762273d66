package io.farmwatch.collector.server;

import io.farmwatch.collector.http.Json;
import io.farmwatch.collector.policy.PolicyService;
import io.farmwatch.collector.store.IssuedPolicy;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.envelope.DeviceDirectory;
import io.farmwatch.protocol.envelope.KnownDevice;
import io.farmwatch.protocol.policy.DeviceRequestAuth;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/agent/policy} (PROTOCOL.md §7.4): the signed policy for a device that proves
 * its key, or 304 when it already runs the newest version. Each answer reads the newest version
 * from the database, so a policy set on any collector sharing it is served by all at once.
 */
final class AgentPolicyEndpoint {

  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_TIME_CHARS = 40;
  private static final int MAX_SIGNATURE_CHARS = 100;

  private final PolicyService policy;
  private final DeviceDirectory devices;
  private final Duration maxSkew;
  private final Clock clock;

  AgentPolicyEndpoint(PolicyService policy, DeviceDirectory devices, Duration maxSkew, Clock clock) {
    this.policy = policy;
    this.devices = devices;
    this.maxSkew = maxSkew;
    this.clock = clock;
  }

  /** The key agents verify policies with, which they learn at enrollment. */
  String policyKeyPem() {
    return policy.publicKeyPem();
  }

  void handle(Context ctx) {
    String deviceId = ctx.header(DeviceRequestAuth.DEVICE_HEADER);
    String time = ctx.header(DeviceRequestAuth.TIME_HEADER);
    String signature = ctx.header(DeviceRequestAuth.SIGNATURE_HEADER);
    if (deviceId == null || time == null || signature == null || !DEVICE_ID.matcher(deviceId).matches()
        || time.length() > MAX_TIME_CHARS || signature.length() > MAX_SIGNATURE_CHARS) {
      Json.error(ctx, ErrorCode.INVALID_DEVICE_AUTH, "give " + DeviceRequestAuth.DEVICE_HEADER + ", "
          + DeviceRequestAuth.TIME_HEADER + " and " + DeviceRequestAuth.SIGNATURE_HEADER + " (PROTOCOL.md 7.4)");
      return;
    }
    Instant at;
    byte[] signatureBytes;
    try {
      at = Instant.parse(time);
      signatureBytes = Base64.getDecoder().decode(signature);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      Json.error(ctx, ErrorCode.INVALID_DEVICE_AUTH, "the time must be an ISO-8601 instant and the signature base64");
      return;
    }
    if (Duration.between(at, clock.instant()).abs().compareTo(maxSkew) > 0) {
      Json.error(ctx, ErrorCode.INVALID_DEVICE_AUTH, "the request's time is more than " + maxSkew.toMinutes()
          + " minutes from the collector's clock");
      return;
    }
    Optional<KnownDevice> device = devices.find(deviceId);
    if (device.isEmpty()) {
      Json.error(ctx, ErrorCode.UNKNOWN_DEVICE, "the device is not enrolled");
      return;
    }
    if (device.get().revoked()) {
      Json.error(ctx, ErrorCode.REVOKED_DEVICE, "the device was revoked");
      return;
    }
    if (!device.get().key().verifies(signatureBytes, DeviceRequestAuth.message(deviceId, time))) {
      Json.error(ctx, ErrorCode.BAD_SIGNATURE, "the signature does not verify with the device's key");
      return;
    }
    Optional<IssuedPolicy> current = policy.current();
    if (current.isEmpty()) {
      Json.error(ctx, ErrorCode.NOT_FOUND, "no policy has been set");
      return;
    }
    String etag = "\"" + current.get().version() + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "no-store");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.status(200).contentType("application/json").result(current.get().signed());
  }
}
