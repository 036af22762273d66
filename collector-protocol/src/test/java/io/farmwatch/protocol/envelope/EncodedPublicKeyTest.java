package io.farmwatch.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodedPublicKeyTest {

  @Test
  void encodingsAndKeyIdAgreeWithTheVerifyingKey() {
    DeviceKey key = TestKeys.random().publicKey();
    EncodedPublicKey encoded = EncodedPublicKey.fromPem(key.pem());
    assertThat(encoded).isEqualTo(key.encoded()).isEqualTo(EncodedPublicKey.fromSpki(key.spki()));
    assertThat(encoded.keyId()).isEqualTo(key.keyId()).hasSize(32);
    assertThat(encoded.raw()).isEqualTo(key.raw());
    assertThat(DeviceKey.of(encoded)).isEqualTo(key);
  }

  @Test
  void refusesWrongLengthsButLeavesTheCurveCheckToDeviceKey() {
    assertThatThrownBy(() -> EncodedPublicKey.fromRaw(new byte[31])).isInstanceOf(InvalidKeyFormatException.class);
    byte[] notAPoint = new byte[32];
    notAPoint[0] = 2;
    EncodedPublicKey encoded = EncodedPublicKey.fromRaw(notAPoint);
    assertThatThrownBy(() -> DeviceKey.of(encoded)).isInstanceOf(InvalidKeyFormatException.class);
  }
}
