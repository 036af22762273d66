package io.farmwatch.agent.helper;

import java.util.Arrays;

/** Why the service refused a session helper's connection or message; the wire code is the name. */
public enum Refusal {
  /** The peer's user has no graphical session on this machine. */
  NOT_SESSION_USER("not_session_user"),
  /** A helper of the same user is already connected. */
  ALREADY_CONNECTED("already_connected"),
  /** The service holds as many helper connections as it allows. */
  BUSY("busy"),
  /** A line longer than {@link SessionLimits#MAX_MESSAGE_BYTES}. */
  TOO_LARGE("too_large"),
  /** More messages than {@link SessionLimits#MAX_MESSAGES_PER_MINUTE} allows. */
  TOO_MANY_MESSAGES("too_many_messages"),
  /** Not a JSON message of this version. */
  MALFORMED("malformed"),
  /** A well-formed message with a value outside {@link SessionLimits}. */
  OUT_OF_BOUNDS("out_of_bounds");

  private final String code;

  Refusal(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The refusal a wire code names; {@link #MALFORMED} for a code this release does not know. */
  public static Refusal ofCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst().orElse(MALFORMED);
  }
}
