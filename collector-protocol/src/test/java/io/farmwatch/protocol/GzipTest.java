package io.farmwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
}
