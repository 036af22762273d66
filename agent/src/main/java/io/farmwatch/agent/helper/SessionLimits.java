package io.farmwatch.agent.helper;

import java.util.List;

/**
 * The bounds of the helper channel (docs/runtime.md, Session helper). A helper runs as the user,
 * so everything it sends is as untrusted as anything else a user's process could write.
 */
public final class SessionLimits {

  /** {@link SessionMessage#version()} this release speaks. */
  public static final int VERSION = 1;
  /** Bytes of one line, the newline included. */
  public static final int MAX_MESSAGE_BYTES = 4096;
  /** Messages a connection may send in any minute (a helper sends one). */
  public static final int MAX_MESSAGES_PER_MINUTE = 2;
  /** Minutes in one message: what a helper kept while the service was away. */
  public static final int MAX_MINUTES_PER_MESSAGE = 15;
  /** Events of one kind in one minute: a 1,000 Hz mouse moving all minute sends 60,000. */
  public static final int MAX_EVENTS_PER_MINUTE = 120_000;
  /** Keyboard layouts, and input methods, in one message. */
  public static final int MAX_NAMES = 8;
  /** Characters of a layout, input method, source or unavailable reason. */
  public static final int MAX_NAME_CHARS = 64;
  /** Characters of the unavailable reason. */
  public static final int MAX_REASON_CHARS = 256;
  /** Helper connections the service holds at once, all users together. */
  public static final int MAX_CONNECTIONS = 16;

  private SessionLimits() {}

  /**
   * Checks a decoded message against the bounds.
   *
   * @param nowMinute the service's current epoch minute: a minute may not lie after it, nor more
   *     than {@code keepMinutes} before it
   * @throws SessionRefusedException {@link Refusal#OUT_OF_BOUNDS} naming the first value outside
   */
  public static void check(SessionMessage m, long nowMinute, int keepMinutes) throws SessionRefusedException {
    if (m.version() != VERSION) {
      throw new SessionRefusedException(Refusal.MALFORMED, "version " + m.version() + " is not " + VERSION);
    }
    text("source", m.source(), MAX_NAME_CHARS, false);
    text("unavailable", m.unavailable(), MAX_REASON_CHARS, true);
    names("keyboardLayouts", m.keyboardLayouts());
    names("inputMethods", m.inputMethods());
    if (m.minutes().size() > MAX_MINUTES_PER_MESSAGE) {
      throw outside("minutes", m.minutes().size() + " minutes, at most " + MAX_MINUTES_PER_MESSAGE);
    }
    long previous = Long.MIN_VALUE;
    for (SessionMinute minute : m.minutes()) {
      if (minute == null) {
        throw outside("minutes[]", "null minute");
      }
      if (minute.epochMinute() > nowMinute || minute.epochMinute() <= nowMinute - keepMinutes) {
        throw outside("minutes[].epochMinute", minute.epochMinute() + " is not within the last " + keepMinutes
            + " minutes before " + nowMinute);
      }
      if (minute.epochMinute() <= previous) {
        throw outside("minutes[].epochMinute", "minutes not in increasing order");
      }
      previous = minute.epochMinute();
      if ((minute.activeSecondsMask() >>> 60) != 0) {
        throw outside("minutes[].activeSecondsMask", "bits beyond second 59");
      }
      count("keyEvents", minute.keyEvents());
      count("pointerEvents", minute.pointerEvents());
      count("injectedEvents", minute.injectedEvents());
      if ((long) minute.injectedEvents() > (long) minute.keyEvents() + minute.pointerEvents()) {
        throw outside("minutes[].injectedEvents", "more injected events than events");
      }
    }
  }

  private static void names(String field, List<String> names) throws SessionRefusedException {
    if (names.size() > MAX_NAMES) {
      throw outside(field, names.size() + " names, at most " + MAX_NAMES);
    }
    for (String name : names) {
      text(field + "[]", name, MAX_NAME_CHARS, false);
    }
  }

  private static void text(String field, String value, int maxChars, boolean optional) throws SessionRefusedException {
    if (value == null) {
      if (!optional) {
        throw outside(field, "missing");
      }
      return;
    }
    if (value.isEmpty() || value.length() > maxChars) {
      throw outside(field, value.length() + " characters, 1 to " + maxChars + " allowed");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw outside(field, "control characters");
    }
  }

  private static void count(String field, int value) throws SessionRefusedException {
    if (value < 0 || value > MAX_EVENTS_PER_MINUTE) {
      throw outside("minutes[]." + field, value + " is not within 0 to " + MAX_EVENTS_PER_MINUTE);
    }
  }

  private static SessionRefusedException outside(String field, String what) {
    return new SessionRefusedException(Refusal.OUT_OF_BOUNDS, field + ": " + what);
  }
}
