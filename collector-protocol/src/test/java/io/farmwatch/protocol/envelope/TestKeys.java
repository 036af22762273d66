package io.farmwatch.protocol.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Key material for tests: random pairs, or pairs derived from a fixed seed for golden vectors. */
public record TestKeys(PrivateKey privateKey, DeviceKey publicKey) {

  public static TestKeys random() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new TestKeys(pair.getPrivate(), DeviceKey.fromSpki(pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RFC 8032 private key is the 32-byte seed; the public key is derived from it. */
  public static TestKeys fromSeed(byte[] seed) {
    try {
      PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
      Ed25519.generatePublicKey(seed, 0, pk, 0);
      return new TestKeys(privateKey, DeviceKey.fromRaw(pk));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public EnvelopeSigner signer() {
    return new EnvelopeSigner(privateKey, publicKey.encoded());
  }

  /**
   * An envelope over exactly these payload bytes under any version number: for version 1 envelopes,
   * golden vectors and payloads the signer never writes.
   */
  public Envelope seal(int version, String deviceId, byte[] payload) {
    return signer().seal(version, deviceId, payload);
  }
}
