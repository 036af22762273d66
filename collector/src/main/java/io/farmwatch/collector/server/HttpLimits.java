package io.farmwatch.collector.server;

import java.time.Duration;

/**
 * The collector's limits against slow and many clients, declared once; docs/collector.md
 * ("Limits") lists each with its reason.
 */
public final class HttpLimits {

  /** Request threads: enough that a group commit has reports to batch. */
  static final int REQUEST_THREADS = 128;

  /**
   * Bodies read at once, overall. A quarter of the request threads: however uploads misbehave, the
   * other 96 stay free for health, metrics and the analyst API, and at most this many bodies (each
   * up to the envelope limit) are in memory. A fast client holds its slot for microseconds, so the
   * cap costs honest throughput nothing.
   */
  static final int UPLOAD_SLOTS = 32;

  /** Bodies read at once from one client address (the resolved egress, see EgressResolver). */
  static final int UPLOADS_PER_ADDRESS = 16;

  /** A connection silent this long is closed: it bounds a body read that never returns. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** Open connections; past it Jetty stops accepting until some close. */
  static final int MAX_CONNECTIONS = 4096;

  /** While at {@link #MAX_CONNECTIONS}, connections silent this long are closed to make room. */
  static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(2);

  /** What a refused upload is told to wait before trying again (429 and 503). */
  static final Duration RETRY_AFTER = Duration.ofSeconds(10);

  private HttpLimits() {}
}
