package io.farmwatch.agent.probe;

import java.util.Locale;

/** Values firmware and OS APIs print where nothing is set; a probe reports them as missing. */
public final class Placeholders {

  private Placeholders() {}

  /** Firmware fills unset DMI strings with these; they identify nothing. */
  public static boolean isPlaceholder(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return v.equals("to be filled by o.e.m.") || v.equals("default string") || v.equals("none")
        || v.equals("not specified") || v.equals("system serial number") || v.equals("0")
        || v.equals("not applicable") || v.matches("0+") || v.equals("03000200-0400-0500-0006-000700080009");
  }
}
