package io.farmwatch.collector.store;

/** The database failed; the request that hit it gets a 503 and nothing is half-stored. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
