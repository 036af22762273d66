package io.farmwatch.protocol.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Signs policies with the collector's policy key (JDK Ed25519). */
public final class PolicySigner {

  private final PrivateKey privateKey;
  private final EncodedPublicKey publicKey;

  public PolicySigner(PrivateKey privateKey, EncodedPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public EncodedPublicKey publicKey() {
    return publicKey;
  }

  /** The issued policy, serialized once and signed over exactly those bytes. */
  public SignedPolicy sign(Policy issued) {
    if (issued.version() == null || issued.issuedAt() == null) {
      throw new IllegalArgumentException("only an issued policy (version and issuedAt set) is signed");
    }
    try {
      byte[] json = ProtocolJson.mapper().writeValueAsBytes(issued);
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(json);
      Base64.Encoder b64 = Base64.getEncoder();
      return new SignedPolicy(SignedPolicy.VERSION, publicKey.keyId(), b64.encodeToString(json),
          b64.encodeToString(signer.sign()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a policy record always serializes", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** The signed policy as the JSON bytes served to agents. */
  public static byte[] encode(SignedPolicy signed) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(signed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a signed policy record always serializes", e);
    }
  }
}
