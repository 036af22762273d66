package io.farmwatch.protocol;

/**
 * Every {@code error} the collector can answer with, and its HTTP status: PROTOCOL.md §3.3 lists
 * them and ProtocolDocumentationTest holds the two to each other. A 4xx other than 408 and 429 must
 * not be retried with the same bytes: they will be refused again.
 */
public enum ErrorCode {
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
  FUTURE_DATED("future_dated", 422),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
  TOO_SLOW("too_slow", 408),
  TOO_MANY_UPLOADS("too_many_uploads", 429),
  BUSY("busy", 503),
  INVALID_TOKEN("invalid_token", 401),
  INVALID_PUBLIC_KEY("invalid_public_key", 400),
  MALFORMED_REQUEST("malformed_request", 400),
  KEY_ALREADY_ENROLLED("key_already_enrolled", 409),
  RATE_LIMITED("rate_limited", 429),
  UNAUTHORIZED("unauthorized", 401),
  FORBIDDEN("forbidden", 403),
  NOT_FOUND("not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  BAD_PARAMETER("bad_parameter", 400),
  STATUS_NOT_SETTABLE("status_not_settable", 409),
  UNAVAILABLE("unavailable", 503),
  INTERNAL_ERROR("internal_error", 500),
  INVALID_POLICY("invalid_policy", 422),
  INVALID_DEVICE_AUTH("invalid_device_auth", 401);

  private final String code;
  private final int httpStatus;

  ErrorCode(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The {@code error} field of the JSON body. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
