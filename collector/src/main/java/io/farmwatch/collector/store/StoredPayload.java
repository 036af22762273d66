package io.farmwatch.collector.store;

import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolLimits;
import java.util.zip.Deflater;

/**
 * How a report's signed payload is kept: gzip. A version 2 payload is gzip already and is kept
 * exactly as the agent signed it; a version 1 payload (the report's JSON) is compressed at the
 * fastest level. Report JSON shrinks about threefold, which is what lets a row fit in one database
 * page instead of spilling into overflow pages, and so cuts the bytes every commit and checkpoint
 * writes by more than half. Rows kept uncompressed (they start with the JSON's opening brace, never
 * with gzip's magic number) read back as they are.
 */
final class StoredPayload {

  private StoredPayload() {}

  /** @param signed verified signed bytes: the report's JSON, or a complete gzip stream of it */
  static byte[] pack(byte[] signed) {
    return Gzip.looksLikeGzip(signed) ? signed : Gzip.compress(signed, Deflater.BEST_SPEED);
  }

  /** The report's JSON. */
  static byte[] unpack(byte[] stored) {
    if (!Gzip.looksLikeGzip(stored)) {
      return stored;
    }
    try {
      return Gzip.decompress(stored, ProtocolLimits.MAX_PAYLOAD_BYTES);
    } catch (Gzip.NotGzip | Gzip.TooLarge e) {
      throw new StoreException("a stored report payload is corrupt: " + e.getMessage(), e);
    }
  }
}
