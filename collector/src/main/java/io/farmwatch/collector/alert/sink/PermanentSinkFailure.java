package io.farmwatch.collector.alert.sink;

import java.io.IOException;

/**
 * A delivery that no retry can fix (a message the transport refuses as too long, a webhook
 * answering 4xx): the alert is dropped and counted under {@code reason} instead of blocking the
 * alerts behind it.
 */
public final class PermanentSinkFailure extends IOException {

  private final String reason;

  public PermanentSinkFailure(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A short metric label such as {@code too_large} or {@code http_400}. */
  public String reason() {
    return reason;
  }
}
