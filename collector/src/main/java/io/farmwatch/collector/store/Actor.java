package io.farmwatch.collector.store;

/**
 * Who made a change, as the audit log records it: an API key's ID and name, or the command line
 * (whoever can run it already holds the database).
 */
public record Actor(String id, String name) {

  public static final Actor CLI = new Actor("cli", "cli");

  public static Actor of(ApiKey key) {
    return new Actor(key.keyId(), key.name());
  }
}
