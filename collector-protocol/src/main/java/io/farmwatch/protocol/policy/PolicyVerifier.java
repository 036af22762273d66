package io.farmwatch.protocol.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.EncodedPublicKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Checks a signed policy the way PROTOCOL.md §7.3 orders it: the wrapper, the key, the signature
 * over the exact bytes, and only then the policy's schema and fields. JDK Ed25519 only, so the
 * agent needs no crypto library for it.
 */
public final class PolicyVerifier {

  /** Largest signed policy: the policy in base64 (4/3) and the small wrapper fields. */
  public static final int MAX_SIGNED_BYTES = PolicyReader.MAX_POLICY_BYTES / 3 * 4 + 4 * 1024;

  private final EncodedPublicKey key;
  private final PublicKey jdkKey;

  public PolicyVerifier(EncodedPublicKey key) {
    this.key = key;
    try {
      this.jdkKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(key.spki()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  /** The verified policy; the problems say why it was refused otherwise. */
  public Policy verify(byte[] signedJson) throws PolicyProblems {
    if (signedJson.length > MAX_SIGNED_BYTES) {
      throw refused("signed policy of " + signedJson.length + " bytes, over the limit of " + MAX_SIGNED_BYTES);
    }
    JsonNode wrapper;
    try {
      wrapper = ProtocolJson.mapper().readTree(signedJson);
    } catch (IOException e) {
      throw refused("signed policy is not JSON");
    }
    if (wrapper == null || !wrapper.isObject()) {
      throw refused("signed policy is not a JSON object");
    }
    if (!(wrapper.path("v").isInt() && wrapper.path("v").intValue() == SignedPolicy.VERSION)) {
      throw refused("v: not a signed-policy format this agent knows (" + SignedPolicy.VERSION + ")");
    }
    for (String field : List.of("keyId", "policy", "signature")) {
      if (!wrapper.path(field).isTextual()) {
        throw refused(field + ": must be a string");
      }
    }
    if (!wrapper.get("keyId").textValue().equals(key.keyId())) {
      throw refused("keyId: signed by another key than the collector's policy key from enrollment");
    }
    byte[] policy;
    byte[] signature;
    try {
      policy = Base64.getDecoder().decode(wrapper.get("policy").textValue());
      signature = Base64.getDecoder().decode(wrapper.get("signature").textValue());
    } catch (IllegalArgumentException e) {
      throw refused("policy or signature is not standard base64");
    }
    if (signature.length != 64 || !verifies(policy, signature)) {
      throw refused("signature: does not verify over the policy bytes with the collector's policy key");
    }
    return PolicyReader.issued(policy);
  }

  private boolean verifies(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(jdkKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PolicyProblems refused(String problem) {
    return new PolicyProblems(List.of(problem));
  }
}
