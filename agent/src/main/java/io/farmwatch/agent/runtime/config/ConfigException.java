package io.farmwatch.agent.runtime.config;

import java.util.List;

/** A configuration that failed validation; carries every problem found, each naming its key. */
public final class ConfigException extends Exception {

  private final List<String> errors;

  public ConfigException(String source, List<String> errors) {
    super("invalid configuration " + source + ":\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  /** One message per problem, each starting with the dotted key, e.g. {@code spool.maxBytes: ...}. */
  public List<String> errors() {
    return errors;
  }
}
