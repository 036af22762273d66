package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeviceKeyTest {

  @Test
  void pemRoundTrips() {
    DeviceKey key = TestKeys.random().publicKey();
    assertThat(DeviceKey.fromPem(key.pem())).isEqualTo(key);
    assertThat(DeviceKey.fromSpki(key.spki())).isEqualTo(key);
  }

  @Test
  void refusesKeysOfOtherTypesAndBrokenEncodings() {
    // An RSA SubjectPublicKeyInfo prefix, a truncated Ed25519 one, and non-base64 PEM text.
    assertThatThrownBy(() -> DeviceKey.fromSpki(HexFormat.of().parseHex("30820122300d06092a864886f70d0101010500")))
        .isInstanceOf(InvalidKeyFormatException.class);
    assertThatThrownBy(() -> DeviceKey.fromSpki(HexFormat.of().parseHex("302a300506032b6570032100abcd")))
        .isInstanceOf(InvalidKeyFormatException.class);
    assertThatThrownBy(() -> DeviceKey.fromPem("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----"))
        .isInstanceOf(InvalidKeyFormatException.class);
    assertThatThrownBy(() -> DeviceKey.fromPem("ssh-ed25519 AAAA"))
        .isInstanceOf(InvalidKeyFormatException.class);
  }

  @Test
  void refusesBytesThatAreNotACurvePoint() {
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2; // y = 2 has no x on edwards25519
    assertThatThrownBy(() -> DeviceKey.fromRaw(notAPoint)).isInstanceOf(InvalidKeyFormatException.class);
  }
}
