package io.farmwatch.agent.input.source;

/** An input source that cannot run on this machine, and why (no display, no permission...). */
public final class SourceUnavailableException extends Exception {
  public SourceUnavailableException(String reason) {
    super(reason);
  }
}
