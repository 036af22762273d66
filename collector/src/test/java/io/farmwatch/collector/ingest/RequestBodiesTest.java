package io.farmwatch.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  static final byte[] BODY = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);

  static byte[] read(byte[] body, String encoding, long declared, int max) throws Refusal {
    return RequestBodies.readJson(new ByteArrayInputStream(body), "application/json", encoding, declared, max);
  }

  @Test
  void readsBodiesWithAndWithoutAnAnnouncedLength() throws Refusal {
    assertThat(read(BODY, null, BODY.length, 100)).isEqualTo(BODY);
    assertThat(read(BODY, null, -1, 100)).isEqualTo(BODY);
    assertThat(read(new byte[0], null, 0, 100)).isEmpty();
  }

  @Test
  void aBodyShorterThanItsContentLengthIsRefused() {
    assertThatThrownBy(() -> read(BODY, null, BODY.length + 5, 100)).isInstanceOfSatisfying(Refusal.class, r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.getMessage()).contains(BODY.length + " of the " + (BODY.length + 5));
    });
  }

  @Test
  void bodiesPastTheCapAreRefusedAnnouncedOrNot() {
    assertThatThrownBy(() -> read(BODY, null, BODY.length, BODY.length - 1))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(413));
    assertThatThrownBy(() -> read(BODY, null, -1, BODY.length - 1))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(413));
  }

  @Test
  void gzipBodiesAreInflatedWithinTheCap() throws Refusal {
    byte[] packed = Gzip.compress(BODY, Deflater.BEST_SPEED);
    assertThat(read(packed, "gzip", packed.length, 100)).isEqualTo(BODY);
    byte[] bomb = Gzip.compress(new byte[ProtocolLimits.MAX_INFLATED_BODY_BYTES + 1], Deflater.BEST_COMPRESSION);
    assertThatThrownBy(() -> read(bomb, "gzip", bomb.length, 1 << 20))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(413));
  }
}
