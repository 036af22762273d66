package io.farmwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipTest {

  private static final byte[] REPORT = ("{\"processes\":["
      + "{\"name\":\"sshd\",\"path\":\"/usr/sbin/sshd\"},".repeat(200) + "{}]}").getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(ints = {Deflater.BEST_SPEED, Deflater.DEFAULT_COMPRESSION, Deflater.BEST_COMPRESSION})
  void anyGzipReaderGetsTheBytesBackAtEveryLevel(int level) throws IOException {
    byte[] packed = Gzip.compress(REPORT, level);
    assertThat(packed.length).isLessThan(REPORT.length / 3);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
      assertThat(in.readAllBytes()).isEqualTo(REPORT);
    }
  }

  @Test
  void theLevelIsHonoured() {
    // Stored blocks: a gzip that ignored the level would shrink this threefold instead.
    assertThat(Gzip.compress(REPORT, Deflater.NO_COMPRESSION).length).isGreaterThan(REPORT.length);
  }

  @Test
  void decompressGivesBackTheBytesUpToExactlyTheCap() throws Exception {
    byte[] packed = Gzip.compress(REPORT, Deflater.DEFAULT_COMPRESSION);
    assertThat(Gzip.decompress(packed, REPORT.length)).isEqualTo(REPORT);
    assertThatThrownBy(() -> Gzip.decompress(packed, REPORT.length - 1))
        .isInstanceOf(Gzip.TooLarge.class).hasMessageContaining(String.valueOf(REPORT.length - 1));
  }

  @Test
  void decompressRefusesWhatIsNotACompleteGzipStream() {
    byte[] packed = Gzip.compress(REPORT, Deflater.DEFAULT_COMPRESSION);
    assertThat(Gzip.looksLikeGzip(packed)).isTrue();
    assertThat(Gzip.looksLikeGzip(REPORT)).isFalse();
    assertThatThrownBy(() -> Gzip.decompress(REPORT, 1 << 20)).isInstanceOf(Gzip.NotGzip.class);
    assertThatThrownBy(() -> Gzip.decompress(Arrays.copyOf(packed, packed.length - 8), 1 << 20))
        .isInstanceOf(Gzip.NotGzip.class);
    byte[] corrupt = packed.clone();
    corrupt[corrupt.length / 2] ^= 0x55;
    assertThatThrownBy(() -> Gzip.decompress(corrupt, 1 << 20)).isInstanceOf(Gzip.NotGzip.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64, 65, 4096, 100_000})
  void decompressReturnsExactlyTheBytesWhateverTheirSize(int size) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    assertThat(Gzip.decompress(Gzip.compress(data, Deflater.BEST_SPEED), size)).isEqualTo(data);
  }

  @Test
  void aTrailerThatLiesAboutTheSizeIsRefused() {
    byte[] packed = Gzip.compress(REPORT, Deflater.DEFAULT_COMPRESSION);
    for (int claimed : new int[] {1, REPORT.length - 1, REPORT.length + 1, Integer.MAX_VALUE}) {
      byte[] lying = packed.clone();
      for (int i = 0; i < 4; i++) {
        lying[lying.length - 4 + i] = (byte) (claimed >>> (8 * i));
      }
      assertThatThrownBy(() -> Gzip.decompress(lying, 1 << 20)).as("claims %d", claimed)
          .isInstanceOf(Gzip.NotGzip.class);
    }
  }
}
