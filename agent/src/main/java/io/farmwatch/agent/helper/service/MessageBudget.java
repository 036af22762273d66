package io.farmwatch.agent.helper.service;

import io.farmwatch.agent.helper.Refusal;
import io.farmwatch.agent.helper.SessionLimits;
import io.farmwatch.agent.helper.SessionRefusedException;

/**
 * One connection's message allowance: a bucket of {@link SessionLimits#MAX_MESSAGES_PER_MINUTE}
 * messages that refills at that rate, so a helper may send its backlog right after connecting but
 * never more than the rate for long.
 */
public final class MessageBudget {

  private static final long REFILL_MILLIS = 60_000L / SessionLimits.MAX_MESSAGES_PER_MINUTE;

  private double tokens = SessionLimits.MAX_MESSAGES_PER_MINUTE;
  private long lastMillis;

  public MessageBudget(long startMillis) {
    this.lastMillis = startMillis;
  }

  /** Spends one message at {@code nowMillis}, or refuses it. */
  public void spend(long nowMillis) throws SessionRefusedException {
    long elapsed = Math.max(0, nowMillis - lastMillis);
    lastMillis = Math.max(lastMillis, nowMillis);
    tokens = Math.min(SessionLimits.MAX_MESSAGES_PER_MINUTE, tokens + (double) elapsed / REFILL_MILLIS);
    if (tokens < 1) {
      throw new SessionRefusedException(Refusal.TOO_MANY_MESSAGES,
          "more than " + SessionLimits.MAX_MESSAGES_PER_MINUTE + " messages a minute");
    }
    tokens -= 1;
  }
}
