package io.farmwatch.collector.http;

import io.farmwatch.protocol.ErrorCode;

/**
 * A request the collector refuses, with the documented error code and HTTP status (PROTOCOL.md
 * §3.3). Thrown by request parsing and mapped to a JSON error body by the server.
 */
public final class Refusal extends Exception {

  private final ErrorCode error;

  public Refusal(ErrorCode error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public ErrorCode error() {
    return error;
  }

  public int status() {
    return error.httpStatus();
  }
}
