package io.farmwatch.agent.detect.catalog;

import java.util.Locale;
import java.util.regex.Pattern;

/** How executable names are compared: case-insensitive file names, with or without ".exe". */
public final class ExecutableNames {

  /** Linux truncates comm to 15 bytes; a name that long may be a cut-off catalog name. */
  public static final int COMM_LENGTH = 15;

  private ExecutableNames() {}

  public static String key(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    if (slash >= 0) {
      n = n.substring(slash + 1);
    }
    return n.endsWith(".exe") ? n.substring(0, n.length() - 4) : n;
  }

  /** A catalog wildcard name ({@code *} any run, {@code ?} one character) as a pattern over keys. */
  public static Pattern glob(String key) {
    return Pattern.compile(("\\Q" + key + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
  }
}
