package io.farmwatch.collector.store;

import io.farmwatch.protocol.Gzip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * How a report's signed payload is kept: gzip at the fastest level. Report JSON shrinks about
 * threefold, which is what lets a row fit in one database page instead of spilling into overflow
 * pages, and so cuts the bytes every commit and checkpoint writes by more than half. The bytes
 * unpack to exactly the payload that was signed; rows kept uncompressed (they start with the
 * JSON's opening brace, never with gzip's magic number) read back as they are.
 */
final class StoredPayload {

  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private StoredPayload() {}

  static byte[] pack(byte[] payload) {
    return Gzip.compress(payload, Deflater.BEST_SPEED);
  }

  static byte[] unpack(byte[] stored) {
    if (stored.length < 2 || (stored[0] & 0xff) != GZIP_MAGIC_1 || (stored[1] & 0xff) != GZIP_MAGIC_2) {
      return stored;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StoreException("a stored report payload is corrupt: " + e.getMessage(), e);
    }
  }
}
