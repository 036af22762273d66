package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.protocol.Gzip;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StoredPayloadTest {

  static Stream<byte[]> payloads() {
    Random random = new Random(42);
    byte[] noise = new byte[20_000];
    random.nextBytes(noise);
    String repetitive = "{\"a\":\"" + "x".repeat(50_000) + "\"}";
    return Stream.of(new byte[0], "{}".getBytes(StandardCharsets.UTF_8),
        repetitive.getBytes(StandardCharsets.UTF_8), noise);
  }

  @ParameterizedTest
  @MethodSource("payloads")
  void packedBytesUnpackToTheSameBytes(byte[] payload) {
    assertThat(StoredPayload.unpack(StoredPayload.pack(payload))).isEqualTo(payload);
  }

  @Test
  void reportJsonIsStoredSmaller() {
    byte[] json = ("{\"processes\":[" + "{\"name\":\"sshd\",\"path\":\"/usr/sbin/sshd\"},".repeat(100) + "{}]}")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(StoredPayload.pack(json).length).isLessThan(json.length / 3);
  }

  @Test
  void aSignedGzipIsKeptExactlyAsItCame() {
    byte[] json = "{\"device\":{\"sequence\":1}}".getBytes(StandardCharsets.UTF_8);
    byte[] signed = Gzip.compress(json, Deflater.BEST_COMPRESSION);
    assertThat(StoredPayload.pack(signed)).isSameAs(signed);
    assertThat(StoredPayload.unpack(signed)).isEqualTo(json);
  }

  @Test
  void rowsKeptUncompressedReadBackAsTheyAre() {
    byte[] raw = "{\"device\":{}}".getBytes(StandardCharsets.UTF_8);
    assertThat(StoredPayload.unpack(raw)).isSameAs(raw);
  }

  @Test
  void aCorruptStoredPayloadIsAStoreErrorNotGarbage() {
    byte[] packed = StoredPayload.pack("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(packed, packed.length - 6);
    assertThatThrownBy(() -> StoredPayload.unpack(truncated)).isInstanceOf(StoreException.class)
        .hasMessageContaining("corrupt");
  }
}
