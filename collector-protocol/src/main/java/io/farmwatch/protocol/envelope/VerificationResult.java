package io.farmwatch.protocol.envelope;

import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.report.Report;

/** The outcome of verifying one envelope: never an exception. */
public sealed interface VerificationResult {

  /**
   * Signed by the device's key, fresh, and in sequence.
   *
   * @param payload the signed bytes exactly as they came: the report's gzip, or its JSON (version 1)
   */
  record Verified(Envelope envelope, Report report, byte[] payload, KnownDevice device)
      implements VerificationResult {}

  /** Refused, with a message that says what exactly was wrong. */
  record Refused(ErrorCode reason, String message) implements VerificationResult {}
}
