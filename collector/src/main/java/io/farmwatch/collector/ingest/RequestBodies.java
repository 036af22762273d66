package io.farmwatch.collector.ingest;

import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a request body within hard limits, inflating gzip without trusting its claimed size: a
 * gzip bomb stops at the cap instead of filling memory.
 */
public final class RequestBodies {

  private RequestBodies() {}

  /**
   * Reads the body.
   *
   * @param contentType the request's Content-Type header, which must be JSON
   * @param contentEncoding the request's Content-Encoding header, absent or gzip
   * @param declaredLength Content-Length, or -1
   */
  public static byte[] readJson(InputStream body, String contentType, String contentEncoding,
      long declaredLength, int maxBytes) throws Refusal {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new Refusal(415, "unsupported_media_type", "Content-Type must be application/json");
    }
    boolean gzip;
    if (contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.equalsIgnoreCase("identity")) {
      gzip = false;
    } else if (contentEncoding.strip().equalsIgnoreCase("gzip")) {
      gzip = true;
    } else {
      throw new Refusal(415, "unsupported_media_type",
          "Content-Encoding must be gzip or absent, not '" + contentEncoding + "'");
    }
    if (declaredLength > maxBytes) {
      drain(body);
      throw new Refusal(413, "too_large", "body of " + declaredLength + " bytes exceeds " + maxBytes);
    }
    byte[] raw;
    try {
      raw = declaredLength >= 0 ? readDeclared(body, (int) declaredLength) : readCapped(body, maxBytes);
    } catch (IOException e) {
      throw new Refusal(400, "malformed_envelope", "body could not be read: " + e.getMessage());
    }
    if (!gzip) {
      return raw;
    }
    try {
      return Gzip.decompress(raw, ProtocolLimits.MAX_INFLATED_BODY_BYTES);
    } catch (Gzip.NotGzip e) {
      throw new Refusal(400, "malformed_envelope", "body is " + e.getMessage());
    } catch (Gzip.TooLarge e) {
      throw new Refusal(413, "too_large", "body " + e.getMessage());
    }
  }

  /**
   * Reads and discards what the client is still sending, up to a bound, so it finishes its upload
   * and reads the 413 instead of seeing the connection reset mid-request. Past the bound the
   * connection is closed: nobody sends that much by mistake.
   */
  static void drain(InputStream in) {
    byte[] buffer = new byte[64 * 1024];
    long left = DRAIN_LIMIT;
    try {
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
        left -= n;
      }
    } catch (IOException e) {
      // The client gave up; the refusal stands.
    }
  }

  static final long DRAIN_LIMIT = 32L * 1024 * 1024;

  /** A body whose length was announced, and checked against the cap, is read in one allocation. */
  private static byte[] readDeclared(InputStream in, int length) throws IOException, Refusal {
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    if (read < length) {
      throw new Refusal(400, "malformed_envelope",
          "body ended after " + read + " of the " + length + " bytes its Content-Length announced");
    }
    return body;
  }

  private static byte[] readCapped(InputStream in, int max) throws IOException, Refusal {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 16 * 1024));
    byte[] buffer = new byte[16 * 1024];
    int total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > max) {
        drain(in);
        throw new Refusal(413, "too_large", "body exceeds " + max + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
