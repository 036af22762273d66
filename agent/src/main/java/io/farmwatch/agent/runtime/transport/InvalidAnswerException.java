package io.farmwatch.agent.runtime.transport;

import java.io.IOException;

/** The collector answered 2xx with something the protocol does not allow; nothing was stored. */
public final class InvalidAnswerException extends IOException {
  public InvalidAnswerException(String message) {
    super(message);
  }
}
