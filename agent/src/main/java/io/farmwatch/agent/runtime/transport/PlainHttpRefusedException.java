package io.farmwatch.agent.runtime.transport;

/** An http:// collector URL off loopback without the explicit permission to use it. */
public final class PlainHttpRefusedException extends Exception {
  public PlainHttpRefusedException(String message) {
    super(message);
  }
}
