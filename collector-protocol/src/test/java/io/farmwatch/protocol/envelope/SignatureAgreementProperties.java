package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PublicKey;
import java.security.Signature;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The agent signs with the JDK and the collector verifies with BouncyCastle: they must agree. */
class SignatureAgreementProperties {

  private static final TestKeys KEYS = TestKeys.random();

  @Property(tries = 300)
  void bouncyCastleAndJdkAgreeOnGenuineAndAlteredMessages(
      @ForAll @Size(max = 4096) byte[] message, @ForAll @IntRange(min = 0, max = 4095) int flipAt,
      @ForAll boolean alter) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(KEYS.privateKey());
    signer.update(message);
    byte[] signature = signer.sign();

    byte[] checked = message.clone();
    if (alter && checked.length > 0) {
      checked[flipAt % checked.length] ^= 0x20;
    }
    boolean bc = KEYS.publicKey().verify(signature, checked, 0, checked.length);
    boolean jdk = jdkVerify(signature, checked);
    assertThat(bc).isEqualTo(jdk);
    assertThat(bc).isEqualTo(!alter || message.length == 0);
  }

  private static boolean jdkVerify(byte[] signature, byte[] message) throws Exception {
    PublicKey publicKey = KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(KEYS.publicKey().spki()));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
