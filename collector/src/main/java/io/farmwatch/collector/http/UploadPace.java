package io.farmwatch.collector.http;

import io.farmwatch.protocol.ErrorCode;
import java.time.Duration;

/**
 * How slowly a request body may arrive: after a grace period it must keep up an average of at
 * least {@code minBytesPerSecond}. A client that trickles its body would otherwise hold a request
 * thread for as long as it likes.
 */
public record UploadPace(Duration grace, long minBytesPerSecond) {

  /** The pace every route holds bodies to: averaged after 10 s, or the upload is answered 408. */
  public static final UploadPace MINIMUM = new UploadPace(Duration.ofSeconds(10), 16 * 1024);

  /** Refuses the upload if {@code bytes} arrived too slowly for the time since {@code startNanos}. */
  void check(long startNanos, long bytes) throws Refusal {
    long elapsed = System.nanoTime() - startNanos;
    long allowed = grace.toNanos() + bytes * 1_000_000_000L / minBytesPerSecond;
    if (elapsed > allowed) {
      throw tooSlow();
    }
  }

  Refusal tooSlow() {
    return new Refusal(ErrorCode.TOO_SLOW, "the body arrived slower than " + minBytesPerSecond
        + " bytes/s after the first " + grace.toSeconds() + " s; send it again");
  }
}
