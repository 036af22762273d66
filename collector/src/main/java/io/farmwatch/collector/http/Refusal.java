package io.farmwatch.collector.http;

/**
 * A request the collector refuses, with the documented error code and HTTP status (PROTOCOL.md
 * §3.3). Thrown by request parsing and mapped to a JSON error body by the server.
 */
public final class Refusal extends Exception {

  private final int status;
  private final String code;

  public Refusal(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
