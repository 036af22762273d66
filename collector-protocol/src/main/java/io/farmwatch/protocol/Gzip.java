package io.farmwatch.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip of bytes already in memory: agents compress report payloads before signing them, the
 * collector inflates them after the signature holds and keeps them compressed.
 */
public final class Gzip {

  private Gzip() {}

  /** The bytes are not a gzip stream, or one that ends early. */
  public static final class NotGzip extends Exception {
    NotGzip(String message) {
      super(message);
    }
  }

  /** The stream inflates to more than the caller allows; inflating stopped at the cap. */
  public static final class TooLarge extends Exception {
    TooLarge(String message) {
      super(message);
    }
  }

  /** @param level a {@link java.util.zip.Deflater} level, e.g. {@code Deflater.BEST_SPEED} */
  public static byte[] compress(byte[] data, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
    try (GZIPOutputStream gzip = new LeveledGzip(out, level)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** True when the bytes start with gzip's magic number, which no JSON text can start with. */
  public static boolean looksLikeGzip(byte[] data) {
    return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
  }

  /**
   * Inflates without trusting the stream's claims: a bomb stops at {@code maxBytes} + 1 bytes of
   * output instead of filling memory.
   */
  public static byte[] decompress(byte[] data, int maxBytes) throws NotGzip, TooLarge {
    int inputBuffer = Math.max(1, Math.min(data.length, 8192));
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), inputBuffer)) {
      return readCapped(in, initialCapacity(data, maxBytes), maxBytes);
    } catch (IOException e) {
      // ZipException for a bad header or data, EOFException for a truncated stream.
      throw new NotGzip("not a complete gzip stream: " + e.getMessage());
    }
  }

  /**
   * The trailer's ISIZE (the inflated size modulo 2^32) sizes the output in one allocation when it
   * tells the truth; it is only a hint, so a lie costs a copy and never more than the cap.
   */
  private static int initialCapacity(byte[] data, int maxBytes) {
    int n = data.length;
    long claimed = n < 18 ? 0 : (data[n - 4] & 0xffL) | (data[n - 3] & 0xffL) << 8
        | (data[n - 2] & 0xffL) << 16 | (data[n - 1] & 0xffL) << 24;
    return (int) Math.min(maxBytes, claimed > 0 ? claimed : Math.max(64, 4L * n));
  }

  private static byte[] readCapped(InputStream in, int capacity, int maxBytes) throws IOException, TooLarge {
    byte[] out = new byte[capacity];
    int n = 0;
    while (true) {
      if (n == out.length) {
        int next = in.read();
        if (next < 0) {
          return out;
        }
        if (out.length >= maxBytes) {
          throw new TooLarge("inflates to more than " + maxBytes + " bytes");
        }
        out = Arrays.copyOf(out, (int) Math.min(maxBytes, Math.max(64, 2L * out.length)));
        out[n++] = (byte) next;
        continue;
      }
      int read = in.read(out, n, out.length - n);
      if (read < 0) {
        return n == out.length ? out : Arrays.copyOf(out, n);
      }
      n += read;
    }
  }

  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
      super(out, 8192);
      def.setLevel(level);
    }
  }
}
