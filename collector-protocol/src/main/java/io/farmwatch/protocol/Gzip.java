package io.farmwatch.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
    byte[] out;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
      out = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      // ZipException for a bad header or data, EOFException for a truncated stream.
      throw new NotGzip("not a complete gzip stream: " + e.getMessage());
    }
    if (out.length > maxBytes) {
      throw new TooLarge("inflates to more than " + maxBytes + " bytes");
    }
    return out;
  }

  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
      super(out, 8192);
      def.setLevel(level);
    }
  }
}
