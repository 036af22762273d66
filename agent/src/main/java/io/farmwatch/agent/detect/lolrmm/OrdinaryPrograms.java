package io.farmwatch.agent.detect.lolrmm;

import io.farmwatch.agent.detect.catalog.ExecutableNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Executable names of ordinary programs and names any vendor may use ({@code setup}, {@code client}),
 * which an imported catalog entry must never claim: a community entry saying {@code connect.exe}
 * would otherwise flag every program of that name.
 */
public final class OrdinaryPrograms {

  static final String RESOURCE = "/io/farmwatch/agent/detect/ordinary-executables.txt";

  private final Set<String> names;

  private OrdinaryPrograms(Set<String> names) {
    this.names = Set.copyOf(names);
  }

  /** The list shipped with the agent. */
  public static OrdinaryPrograms builtin() {
    Set<String> names = new TreeSet<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        OrdinaryPrograms.class.getResourceAsStream(RESOURCE), StandardCharsets.UTF_8))) {
      in.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(OrdinaryPrograms::stem).forEach(names::add);
    } catch (IOException e) {
      throw new UncheckedIOException("the ordinary-programs list is part of the agent jar", e);
    }
    return new OrdinaryPrograms(names);
  }

  /** Every name, as compared ({@link #stem}). */
  public Set<String> names() {
    return names;
  }

  public boolean contains(String name) {
    return names.contains(stem(name));
  }

  /** Whether a wildcard pattern (already a stem) would match one of these names. */
  boolean matchedBy(Pattern glob) {
    return names.stream().anyMatch(n -> glob.matcher(n).matches());
  }

  /** A name as the matcher compares it: the file name, lower-case, without ".exe" or ".app". */
  public static String stem(String name) {
    String key = ExecutableNames.key(name);
    return key.endsWith(".app") ? key.substring(0, key.length() - 4) : key;
  }
}
