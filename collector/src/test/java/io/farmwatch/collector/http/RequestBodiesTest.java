package io.farmwatch.collector.http;

import io.farmwatch.protocol.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

  static final byte[] BODY = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);

  static final UploadPace PACE = new UploadPace(Duration.ofSeconds(10), 1024);

  static byte[] read(byte[] body, String encoding, long declared, int max) throws Refusal {
    return RequestBodies.readJson(new ByteArrayInputStream(body), "application/json", encoding, declared, max, PACE);
  }

  /** A body that arrives one byte every {@code gapMillis}, as a slow or hostile client sends it. */
  static InputStream trickle(int length, long gapMillis) {
    return new InputStream() {
      int sent;

      @Override
      public int read() throws IOException {
        if (sent == length) {
          return -1;
        }
        try {
          Thread.sleep(gapMillis);
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
        sent++;
        return '{';
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int c = read();
        if (c == -1) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }
    };
  }

  @Test
  void aBodyTrickledSlowerThanThePaceIsRefusedOnceTheGraceIsOver() {
    UploadPace pace = new UploadPace(Duration.ofMillis(300), 1024);
    long start = System.nanoTime();
    assertThatThrownBy(() -> RequestBodies.readJson(trickle(2_800_000, 50), "application/json", null, 2_800_000,
        ProtocolLimits.MAX_ENVELOPE_BYTES, pace)).isInstanceOfSatisfying(Refusal.class, r -> {
          assertThat(r.status()).isEqualTo(408);
          assertThat(r.error()).isEqualTo(ErrorCode.TOO_SLOW);
        });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aSlowButSteadyBodyWithinThePaceIsRead() throws Refusal {
    UploadPace pace = new UploadPace(Duration.ofMillis(100), 10);
    assertThat(RequestBodies.readJson(trickle(20, 20), "application/json", null, 20, 100, pace)).hasSize(20);
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
  void anAnnouncedLengthPastTheCapIsRefusedWithoutReadingTheBody() {
    ByteArrayInputStream body = new ByteArrayInputStream(new byte[1000]);
    assertThatThrownBy(() -> RequestBodies.readJson(body, "application/json", null, 1000, 999, PACE))
        .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.status()).isEqualTo(413));
    assertThat(body.available()).isEqualTo(1000);
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
