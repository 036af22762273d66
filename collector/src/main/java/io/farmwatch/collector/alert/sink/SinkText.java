package io.farmwatch.collector.alert.sink;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.Evidence;

/**
 * Makes alert text safe for every sink. Evidence values and names come from agents, and a NUL, an
 * ESC sequence, a C1 control or a Unicode line separator would forge lines or terminal output in a
 * SIEM, a log file or a webhook receiver's logs; each becomes a visible {@code \\uXXXX}.
 */
public final class SinkText {

  private SinkText() {}

  /** Every C0 control (line breaks and tabs too), DEL, C1, U+2028 and U+2029 escaped. */
  public static String clean(String s) {
    if (s == null || s.chars().noneMatch(SinkText::unsafe)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    s.chars().forEach(c -> {
      if (unsafe(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.append((char) c);
      }
    });
    return out.toString();
  }

  static boolean unsafe(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
  }

  /** The alert with every string cleaned. */
  public static Alert clean(Alert a) {
    return new Alert(clean(a.id()), a.kind(), a.severity(), a.score(),
        a.deviceIds().stream().map(SinkText::clean).toList(),
        a.evidence().stream().map(e -> new Evidence(e.signal(), e.strength(), clean(e.value()),
            e.deviceIds().stream().map(SinkText::clean).toList(), e.firstSeen(), e.lastSeen(), clean(e.detail())))
            .toList(),
        clean(a.summary()), a.firstSeen(), a.lastSeen());
  }
}
