package io.farmwatch.protocol.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.report.Report;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.zip.Deflater;

/**
 * Signs reports with the JDK's own Ed25519, so the agent needs no crypto library of its own.
 *
 * <p>The report's JSON is compressed first and the signature covers the exact gzip bytes, which
 * travel base64-encoded beside it: no canonical JSON is needed, the collector verifies what was
 * signed before it inflates or parses anything, and the signature is checked over a quarter of the
 * bytes (hashing the message is a third of an Ed25519 verification for an 8 KB report).
 */
public final class EnvelopeSigner {

  private final PrivateKey privateKey;
  private final String keyId;

  public EnvelopeSigner(PrivateKey privateKey, EncodedPublicKey publicKey) {
    if (!"EdDSA".equals(privateKey.getAlgorithm()) && !"Ed25519".equals(privateKey.getAlgorithm())) {
      throw new IllegalArgumentException("an Ed25519 private key is required");
    }
    this.privateKey = privateKey;
    this.keyId = publicKey.keyId();
  }

  /** Serializes the report and signs it. The envelope's device ID is the report's. */
  public Envelope sign(Report report) {
    byte[] json;
    try {
      json = ProtocolJson.mapper().writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report record always serializes", e);
    }
    String deviceId = report.device() == null ? null : report.device().deviceId();
    return sign(deviceId, json);
  }

  /** Compresses report JSON bytes as they are and signs the result: a version 2 envelope. */
  public Envelope sign(String deviceId, byte[] reportJson) {
    if (reportJson.length > ProtocolLimits.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "report of " + reportJson.length + " bytes exceeds " + ProtocolLimits.MAX_PAYLOAD_BYTES);
    }
    byte[] payload = Gzip.compress(reportJson, Deflater.DEFAULT_COMPRESSION);
    return seal(ProtocolLimits.ENVELOPE_VERSION, deviceId, payload);
  }

  /** Signs payload bytes exactly as given into an envelope of the given version. */
  Envelope seal(int version, String deviceId, byte[] payload) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(payload);
      Base64.Encoder b64 = Base64.getEncoder();
      return new Envelope(version, deviceId, keyId, b64.encodeToString(payload), b64.encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** The envelope as the JSON bytes that go on the wire. */
  public static byte[] encode(Envelope envelope) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an envelope record always serializes", e);
    }
  }
}
