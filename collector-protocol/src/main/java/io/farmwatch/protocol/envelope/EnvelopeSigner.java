package io.farmwatch.protocol.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.report.Report;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs reports with the JDK's own Ed25519, so the agent needs no crypto library of its own.
 *
 * <p>The signature covers the exact payload bytes, which travel base64-encoded beside it: no
 * canonical JSON is needed, and the collector verifies what was signed before parsing it.
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

  /** Serializes the report and signs those bytes. The envelope's device ID is the report's. */
  public Envelope sign(Report report) {
    byte[] payload;
    try {
      payload = ProtocolJson.mapper().writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a report record always serializes", e);
    }
    String deviceId = report.device() == null ? null : report.device().deviceId();
    return sign(deviceId, payload);
  }

  /** Signs payload bytes as they are; used for test vectors and by {@link #sign(Report)}. */
  public Envelope sign(String deviceId, byte[] payload) {
    if (payload.length > ProtocolLimits.MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes exceeds " + ProtocolLimits.MAX_PAYLOAD_BYTES);
    }
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(payload);
      byte[] signature = signer.sign();
      Base64.Encoder b64 = Base64.getEncoder();
      return new Envelope(
          ProtocolLimits.ENVELOPE_VERSION,
          deviceId,
          keyId,
          b64.encodeToString(payload),
          b64.encodeToString(signature));
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
