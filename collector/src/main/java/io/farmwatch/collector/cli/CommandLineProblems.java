package io.farmwatch.collector.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every problem of one command line, each naming its flag, in the spirit of Micrometer's
 * {@code Validated}: an operator fixes them all in one go instead of one per run.
 */
final class CommandLineProblems {

  private final List<String> problems = new ArrayList<>();

  /** The value {@code read} makes of a flag, or null after noting why the flag was refused. */
  <T> T read(String flag, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      add(flag, e.getMessage());
      return null;
    }
  }

  void add(String flag, String problem) {
    problems.add(flag + ": " + problem);
  }

  /** Throws one exception listing every problem, one a line, if there was any. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
  }
}
