package io.farmwatch.protocol.envelope;

/**
 * Why the collector refused an envelope. Each has a stable code for the JSON error body and the
 * HTTP status the collector answers with (see PROTOCOL.md). An agent must not retry a rejection: the
 * same bytes will be refused again.
 */
public enum Rejection {
  MALFORMED("malformed_envelope", 400),
  TOO_LARGE("too_large", 413),
  UNSUPPORTED_VERSION("unsupported_version", 400),
  UNKNOWN_DEVICE("unknown_device", 401),
  REVOKED_DEVICE("revoked_device", 403),
  UNKNOWN_KEY("unknown_key", 401),
  BAD_SIGNATURE("bad_signature", 401),
  MALFORMED_REPORT("malformed_report", 422),
  DEVICE_MISMATCH("device_mismatch", 422),
  LIMIT_EXCEEDED("limit_exceeded", 422),
  INVALID_FIELD("invalid_field", 422),
  REPLAYED("replayed", 409),
  SEQUENCE_JUMP("sequence_jump", 422),
  STALE("stale", 422),
  FUTURE_DATED("future_dated", 422);

  private final String code;
  private final int httpStatus;

  Rejection(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
