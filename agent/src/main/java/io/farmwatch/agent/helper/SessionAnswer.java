package io.farmwatch.agent.helper;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The line the service writes to a helper: once right after it connects ({@code accepted} or
 * {@code refused}), and once more before it closes a connection for a message it refused.
 *
 * @param code the {@link Refusal#code()}; null when accepted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionAnswer(String status, String code, String message) {

  public static final String ACCEPTED = "accepted";
  public static final String REFUSED = "refused";

  public static SessionAnswer accepted() {
    return new SessionAnswer(ACCEPTED, null, null);
  }

  public static SessionAnswer refused(SessionRefusedException e) {
    String detail = e.detail();
    // Clipped so the answer stays one bounded line whatever the refused input made the message say.
    return new SessionAnswer(REFUSED, e.refusal().code(), detail.length() <= 512 ? detail : detail.substring(0, 512));
  }

  /** Throws the refusal this answer carries; returns when it accepts. */
  public void throwIfRefused() throws SessionRefusedException {
    if (!ACCEPTED.equals(status)) {
      throw new SessionRefusedException(Refusal.ofCode(code), message == null ? "refused" : message);
    }
  }
}
