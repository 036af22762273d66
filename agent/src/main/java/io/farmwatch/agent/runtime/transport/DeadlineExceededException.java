package io.farmwatch.agent.runtime.transport;

import java.io.IOException;
import java.time.Duration;

/** A request was not answered in full within its overall deadline ({@code collector.deadline}). */
public final class DeadlineExceededException extends IOException {
  public DeadlineExceededException(Duration deadline, Throwable cause) {
    super("no complete answer within the request deadline of " + deadline.toSeconds() + " s", cause);
  }
}
