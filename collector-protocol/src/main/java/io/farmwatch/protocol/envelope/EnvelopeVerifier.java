package io.farmwatch.protocol.envelope;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.envelope.VerificationResult.Refused;
import io.farmwatch.protocol.envelope.VerificationResult.Verified;
import io.farmwatch.protocol.limits.LimitViolation;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies envelopes on the collector's hot path with BouncyCastle's Ed25519.
 *
 * <p>Checks run cheapest first and nothing in the payload is trusted before its signature holds.
 * Every input, however broken, ends in a {@link VerificationResult}; no exception escapes.
 *
 * <p>The sequence check here is against the sequence the directory returned; the caller must store
 * the new sequence with a compare-and-set so two concurrent copies of one report cannot both pass.
 */
public final class EnvelopeVerifier {

  private static final int SIGNATURE_BYTES = 64;
  private static final ObjectReader ENVELOPE_READER =
      ProtocolJson.mapper().readerFor(Envelope.class);
  private static final ObjectReader REPORT_READER = ProtocolJson.mapper().readerFor(Report.class);

  private final VerificationPolicy policy;
  private final Clock clock;

  public EnvelopeVerifier(VerificationPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  public VerificationResult verify(byte[] body, DeviceDirectory devices) {
    try {
      return verifyUnchecked(body, devices);
    } catch (RuntimeException e) {
      // A directory or parser fault must still end in a typed answer, not a 500.
      return new Refused(ErrorCode.MALFORMED, "envelope could not be processed: " + e);
    }
  }

  private VerificationResult verifyUnchecked(byte[] body, DeviceDirectory devices) {
    if (body == null || body.length == 0) {
      return new Refused(ErrorCode.MALFORMED, "empty body");
    }
    if (body.length > ProtocolLimits.MAX_ENVELOPE_BYTES) {
      return new Refused(
          ErrorCode.TOO_LARGE,
          "envelope of " + body.length + " bytes exceeds " + ProtocolLimits.MAX_ENVELOPE_BYTES);
    }
    Envelope envelope;
    try {
      envelope = ENVELOPE_READER.readValue(body);
    } catch (JacksonException e) {
      return new Refused(ErrorCode.MALFORMED, "envelope is not valid JSON of the expected shape: "
          + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      return new Refused(ErrorCode.MALFORMED, "envelope could not be read: " + e.getMessage());
    }
    if (envelope == null) {
      return new Refused(ErrorCode.MALFORMED, "envelope is JSON null");
    }
    if (envelope.v() != ProtocolLimits.ENVELOPE_VERSION
        && envelope.v() != ProtocolLimits.ENVELOPE_VERSION_PLAIN) {
      return new Refused(
          ErrorCode.UNSUPPORTED_VERSION,
          "envelope version " + envelope.v() + " is not supported; this collector reads versions "
              + ProtocolLimits.ENVELOPE_VERSION_PLAIN + " and " + ProtocolLimits.ENVELOPE_VERSION);
    }
    String missing = missingField(envelope);
    if (missing != null) {
      return new Refused(ErrorCode.MALFORMED, "envelope field '" + missing + "' is missing");
    }
    Optional<KnownDevice> found = devices.find(envelope.deviceId());
    if (found.isEmpty()) {
      return new Refused(ErrorCode.UNKNOWN_DEVICE, "device is not enrolled");
    }
    KnownDevice device = found.get();
    if (device.revoked()) {
      return new Refused(ErrorCode.REVOKED_DEVICE, "device has been revoked");
    }
    if (!device.key().keyId().equals(envelope.keyId())) {
      return new Refused(ErrorCode.UNKNOWN_KEY, "key " + envelope.keyId()
          + " is not the key enrolled for this device");
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = decodePadded(envelope.payload());
      signature = decodePadded(envelope.signature());
    } catch (IllegalArgumentException e) {
      return new Refused(ErrorCode.MALFORMED, "payload or signature is not standard base64");
    }
    if (payload.length > ProtocolLimits.MAX_PAYLOAD_BYTES) {
      return new Refused(ErrorCode.TOO_LARGE, "payload exceeds "
          + ProtocolLimits.MAX_PAYLOAD_BYTES + " bytes");
    }
    if (signature.length != SIGNATURE_BYTES) {
      return new Refused(ErrorCode.MALFORMED, "signature must be 64 bytes, got "
          + signature.length);
    }
    if (!device.key().verify(signature, payload, 0, payload.length)) {
      return new Refused(ErrorCode.BAD_SIGNATURE, "signature does not match the payload");
    }
    if (envelope.v() == ProtocolLimits.ENVELOPE_VERSION_PLAIN) {
      return checkReport(envelope, payload, payload, device);
    }
    byte[] json;
    try {
      json = Gzip.decompress(payload, ProtocolLimits.MAX_PAYLOAD_BYTES);
    } catch (Gzip.NotGzip e) {
      return new Refused(ErrorCode.MALFORMED_REPORT, "signed payload is " + e.getMessage());
    } catch (Gzip.TooLarge e) {
      return new Refused(ErrorCode.TOO_LARGE, "signed payload " + e.getMessage());
    }
    return checkReport(envelope, json, payload, device);
  }

  private VerificationResult checkReport(Envelope envelope, byte[] json, byte[] payload, KnownDevice device) {
    Report report;
    try {
      report = REPORT_READER.readValue(json);
    } catch (java.io.IOException e) {
      String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
      return new Refused(ErrorCode.MALFORMED_REPORT, "signed payload is not a report: " + detail);
    }
    DeviceInfo info = report == null ? null : report.device();
    if (info == null || info.collectedAt() == null) {
      return new Refused(
          ErrorCode.MALFORMED_REPORT, "report lacks device.collectedAt or the device section");
    }
    if (!envelope.deviceId().equals(info.deviceId())) {
      return new Refused(
          ErrorCode.DEVICE_MISMATCH, "report's device.deviceId differs from the envelope's");
    }
    Optional<LimitViolation> violation = ReportLimits.check(report);
    if (violation.isPresent()) {
      LimitViolation bad = violation.get();
      return new Refused(bad.overLimit() ? ErrorCode.LIMIT_EXCEEDED : ErrorCode.INVALID_FIELD, bad.message());
    }
    if (info.sequence() <= device.lastSequence()) {
      return new Refused(ErrorCode.REPLAYED, "sequence " + info.sequence()
          + " is not above the last accepted " + device.lastSequence());
    }
    // lastSequence is -1 before the first report, and the sequence is above it, so this cannot overflow.
    if (info.sequence() - Math.max(device.lastSequence(), 0) > ProtocolLimits.MAX_SEQUENCE_STEP) {
      return new Refused(ErrorCode.SEQUENCE_JUMP, "sequence " + info.sequence() + " is more than "
          + ProtocolLimits.MAX_SEQUENCE_STEP + " above the last accepted " + Math.max(device.lastSequence(), 0));
    }
    Instant now = clock.instant();
    if (info.collectedAt().isAfter(now.plus(policy.maxClockSkew()))) {
      return new Refused(ErrorCode.FUTURE_DATED, "collectedAt " + info.collectedAt()
          + " is more than " + policy.maxClockSkew() + " ahead of the collector's clock " + now);
    }
    if (info.collectedAt().isBefore(now.minus(policy.maxReportAge()))) {
      return new Refused(ErrorCode.STALE, "collectedAt " + info.collectedAt()
          + " is older than " + policy.maxReportAge());
    }
    return new Verified(envelope, report, payload, device);
  }

  private static String missingField(Envelope envelope) {
    if (isBlank(envelope.deviceId())) {
      return "deviceId";
    }
    if (isBlank(envelope.keyId())) {
      return "keyId";
    }
    if (isBlank(envelope.payload())) {
      return "payload";
    }
    if (isBlank(envelope.signature())) {
      return "signature";
    }
    return null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * PROTOCOL.md requires padded base64; the JDK's decoder also takes unpadded input, which would
   * give one payload two accepted spellings.
   */
  private static byte[] decodePadded(String base64) {
    if (base64.length() % 4 != 0) {
      throw new IllegalArgumentException("base64 without its padding");
    }
    return Base64.getDecoder().decode(base64);
  }
}
