package io.farmwatch.agent.platform.portable;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.Placeholders;
import java.util.Locale;

/**
 * OSHI answers "unknown" (or an empty string) where it could not read a value. FarmWatch reports
 * absence with a reason instead, so every OSHI string passes through here.
 */
public final class OshiValues {

  private OshiValues() {}

  /** The value, or null (and a recorded reason) when OSHI could not read it. */
  public static String value(String oshi, String field, String source, Missing missing) {
    if (oshi == null || oshi.isBlank() || oshi.strip().toLowerCase(Locale.ROOT).equals("unknown")
        || Placeholders.isPlaceholder(oshi.strip())) {
      missing.add(field, source, "the OS did not provide it (OSHI answered '" + oshi + "')");
      return null;
    }
    return oshi.strip();
  }
}
