package io.farmwatch.agent.helper;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;

/**
 * Messages and answers as single JSON lines, with the protocol's strict JSON settings (no
 * coercion, no trailing tokens).
 */
public final class SessionCodec {

  private SessionCodec() {}

  /**
   * One line: the JSON and a newline.
   *
   * @throws IllegalArgumentException when the line would pass {@link SessionLimits#MAX_MESSAGE_BYTES}
   *     (a message within {@link SessionLimits} never does)
   */
  public static byte[] line(Object messageOrAnswer) {
    byte[] json;
    try {
      json = ProtocolJson.mapper().writeValueAsBytes(messageOrAnswer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("helper messages always serialize", e);
    }
    if (json.length + 1 > SessionLimits.MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(json.length + 1 + " bytes, at most " + SessionLimits.MAX_MESSAGE_BYTES);
    }
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /** A message line (newline excluded); {@link Refusal#MALFORMED} when it is not one. */
  public static SessionMessage message(byte[] json) throws SessionRefusedException {
    return read(json, SessionMessage.class);
  }

  /** An answer line (newline excluded). */
  public static SessionAnswer answer(byte[] json) throws SessionRefusedException {
    return read(json, SessionAnswer.class);
  }

  private static <T> T read(byte[] json, Class<T> type) throws SessionRefusedException {
    try {
      T value = ProtocolJson.mapper().readValue(json, type);
      if (value == null) {
        throw new SessionRefusedException(Refusal.MALFORMED, "null instead of an object");
      }
      return value;
    } catch (IOException e) {
      throw new SessionRefusedException(Refusal.MALFORMED, "not a " + type.getSimpleName() + ": "
          + firstLine(e));
    }
  }

  private static String firstLine(IOException e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
