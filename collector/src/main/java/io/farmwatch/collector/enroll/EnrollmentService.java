package io.farmwatch.collector.enroll;

import io.farmwatch.collector.auth.Issued;
import io.farmwatch.collector.auth.Secrets;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.EnrollOutcome;
import io.farmwatch.collector.store.EnrollmentToken;
import io.farmwatch.collector.store.NewDevice;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.envelope.DeviceKey;
import io.farmwatch.protocol.envelope.InvalidKeyFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Creates enrollment tokens and turns a valid token plus a public key into a device. */
public final class EnrollmentService {

  /** Why an enrollment was refused; the API maps each to its documented error code. */
  public static final class Refused extends Exception {
    private final ErrorCode error;

    Refused(ErrorCode error, String message) {
      super(message);
      this.error = error;
    }

    public ErrorCode error() {
      return error;
    }
  }

  static final int MAX_FIELD = 512;
  /** More uses than any fleet has devices: a typo, not a plan. */
  public static final int MAX_TOKEN_USES = 1_000_000;

  private final Storage storage;
  private final Clock clock;

  public EnrollmentService(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** Creates a token; its secret is not stored and cannot be shown again. */
  public Issued<EnrollmentToken> createToken(int uses, Duration validFor, Actor by) {
    if (uses < 1 || uses > MAX_TOKEN_USES) {
      throw new IllegalArgumentException("a token has from 1 to " + MAX_TOKEN_USES + " uses");
    }
    String secret = Secrets.generate("fwt_");
    String hash = Secrets.hash(secret);
    Instant now = clock.instant();
    EnrollmentToken token = new EnrollmentToken(Secrets.idOf(hash), hash, now,
        validFor == null ? null : now.plus(validFor), uses, null);
    storage.createToken(token, by);
    return new Issued<>(token, secret);
  }

  /** Enrolls the device and returns its new ID. */
  public String enroll(EnrollmentRequest request) throws Refused {
    if (request == null || request.token() == null || request.token().isBlank()) {
      throw new Refused(ErrorCode.MALFORMED_REQUEST, "field 'token' is required");
    }
    if (request.publicKey() == null) {
      throw new Refused(ErrorCode.MALFORMED_REQUEST, "field 'publicKey' is required");
    }
    for (String field : new String[] {request.fingerprint(), request.agentVersion(), request.hostname()}) {
      if (field != null && field.length() > MAX_FIELD) {
        throw new Refused(ErrorCode.MALFORMED_REQUEST, "fields are limited to " + MAX_FIELD + " characters");
      }
    }
    DeviceKey key;
    try {
      key = DeviceKey.fromPem(request.publicKey());
    } catch (InvalidKeyFormatException e) {
      throw new Refused(ErrorCode.INVALID_PUBLIC_KEY, "publicKey: " + e.getMessage());
    }
    String deviceId = "dev_" + UUID.randomUUID().toString().replace("-", "");
    Instant now = clock.instant();
    EnrollOutcome outcome = storage.enroll(Secrets.hash(request.token()),
        new NewDevice(deviceId, key.pem(), key.keyId(), request.fingerprint(), request.hostname(),
            request.agentVersion(), now), now);
    return switch (outcome) {
      case ENROLLED -> deviceId;
      case INVALID_TOKEN -> throw new Refused(ErrorCode.INVALID_TOKEN,
          "the enrollment token is unknown, expired, revoked or used up");
      case KEY_ALREADY_ENROLLED -> throw new Refused(ErrorCode.KEY_ALREADY_ENROLLED,
          "this public key is already enrolled; a re-installed agent must create a new key");
    };
  }
}
