package io.farmwatch.agent.runtime.transport;

/**
 * Makes a string a collector (or anything on the path to it) chose safe to log, print or store: a
 * forged answer must not be able to write a second log line or move a terminal's cursor.
 */
public final class Untrusted {

  private Untrusted() {}

  /**
   * At most {@code maxChars} characters of {@code text}, with C0 and C1 controls (newlines, ESC,
   * NUL...), the Unicode line and paragraph separators and the bidirectional overrides each shown as
   * {@code \\uXXXX}; null stays null.
   */
  public static String text(String text, int maxChars) {
    if (text == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), maxChars) + 16);
    for (int i = 0; i < text.length(); i++) {
      if (b.length() >= maxChars) {
        return b.append("...(").append(text.length()).append(" chars)").toString();
      }
      char c = text.charAt(i);
      if (unsafe(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean unsafe(char c) {
    return Character.isISOControl(c)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
