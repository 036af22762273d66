package io.farmwatch.collector.http;

import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.Gzip;
import io.farmwatch.protocol.ProtocolLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body within hard limits, inflating gzip without trusting its claimed size: a
 * gzip bomb stops at the cap instead of filling memory. Over-limit bodies are refused without
 * reading the rest; the server then closes the connection rather than drain it at the client's pace.
 */
public final class RequestBodies {

  private RequestBodies() {}

  /**
   * Reads the body as it arrives, never allocating more than has come: a Content-Length is a claim
   * to check, not a size to reserve.
   *
   * @param contentType the request's Content-Type header, which must be JSON
   * @param contentEncoding the request's Content-Encoding header, absent or gzip
   * @param declaredLength Content-Length, or -1
   * @param pace how slowly the body may arrive before it is refused with 408
   */
  public static byte[] readJson(InputStream body, String contentType, String contentEncoding,
      long declaredLength, int maxBytes, UploadPace pace) throws Refusal {
    long start = System.nanoTime();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new Refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }
    boolean gzip;
    if (contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.equalsIgnoreCase("identity")) {
      gzip = false;
    } else if (contentEncoding.strip().equalsIgnoreCase("gzip")) {
      gzip = true;
    } else {
      throw new Refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding must be gzip or absent");
    }
    if (declaredLength > maxBytes) {
      throw new Refusal(ErrorCode.TOO_LARGE, "body of " + declaredLength + " bytes exceeds " + maxBytes);
    }
    byte[] raw = read(body, declaredLength, maxBytes, start, pace);
    if (!gzip) {
      return raw;
    }
    try {
      return Gzip.decompress(raw, ProtocolLimits.MAX_INFLATED_BODY_BYTES);
    } catch (Gzip.NotGzip e) {
      throw new Refusal(ErrorCode.MALFORMED, "body is " + e.getMessage());
    } catch (Gzip.TooLarge e) {
      throw new Refusal(ErrorCode.TOO_LARGE, "body " + e.getMessage());
    }
  }

  /**
   * Reads chunk by chunk, checking size and pace after each. The buffer grows with what arrived,
   * up to the announced length, so an honest upload is copied once and a lying one costs only
   * the bytes it really sent.
   */
  private static byte[] read(InputStream in, long declaredLength, int max, long start, UploadPace pace)
      throws Refusal {
    int limit = declaredLength >= 0 ? (int) declaredLength : max;
    byte[] body = new byte[Math.min(limit, FIRST_BUFFER)];
    byte[] chunk = new byte[CHUNK];
    int total = 0;
    try {
      int n;
      while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, limit + 1L - total))) != -1) {
        if (total + n > limit) {
          throw declaredLength >= 0
              ? new Refusal(ErrorCode.MALFORMED, "body is longer than its Content-Length")
              : new Refusal(ErrorCode.TOO_LARGE, "body exceeds " + max + " bytes");
        }
        if (total + n > body.length) {
          body = Arrays.copyOf(body, (int) Math.min(limit, Math.max(total + n, 2L * body.length)));
        }
        System.arraycopy(chunk, 0, body, total, n);
        total += n;
        pace.check(start, total);
      }
    } catch (IOException e) {
      // Jetty fails a read that waited past its idle timeout with a TimeoutException inside.
      if (e.getCause() instanceof TimeoutException || e instanceof InterruptedIOException) {
        throw pace.tooSlow();
      }
      throw new Refusal(ErrorCode.MALFORMED, "body could not be read: " + e.getMessage());
    }
    if (declaredLength >= 0 && total < declaredLength) {
      throw new Refusal(ErrorCode.MALFORMED,
          "body ended after " + total + " of the " + declaredLength + " bytes its Content-Length announced");
    }
    return total == body.length ? body : Arrays.copyOf(body, total);
  }

  private static final int FIRST_BUFFER = 16 * 1024;
  private static final int CHUNK = 16 * 1024;
}
