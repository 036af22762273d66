package io.farmwatch.collector.cli;

import io.farmwatch.collector.auth.ApiKeys;
import io.farmwatch.collector.auth.Issued;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.ApiKey;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** API keys for analysts and admins. */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
    subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an API key; prints it as the last line (it is shown only once).")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--role", required = true, description = "analyst or admin")
    String role;

    @Option(names = "--name", required = true,
        description = "Who or what the key is for, e.g. alice or siem-export; the audit log records it.")
    String name;

    @Option(names = "--expires", converter = DurationParser.class,
        description = "How long the key stays valid, e.g. 90d (default: until revoked).")
    Duration expires;

    @Override
    public Integer call() throws Exception {
      ApiRole parsed = ApiRole.named(role).orElseThrow(() ->
          new IllegalArgumentException("--role must be analyst or admin, not '" + role + "'"));
      try (Storage storage = store.open()) {
        Issued<ApiKey> issued = new ApiKeys(storage, Clock.systemUTC()).create(parsed, name, expires, Actor.CLI);
        System.out.println("API key " + issued.stored().keyId() + " (" + role + ", " + name + ", expires "
            + (issued.stored().expiresAt() == null ? "never" : issued.stored().expiresAt())
            + "); send it as 'Authorization: Bearer KEY':");
        System.out.println(issued.secret());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (IDs, never keys).")
  static final class ListKeys implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      try (Storage storage = store.open()) {
        Instant now = Instant.now();
        System.out.printf("%-14s %-8s %-22s %-22s %-8s %s%n", "ID", "ROLE", "CREATED", "EXPIRES", "STATE", "NAME");
        for (ApiKey k : storage.apiKeys()) {
          System.out.printf("%-14s %-8s %-22s %-22s %-8s %s%n", k.keyId(), k.role().name().toLowerCase(),
              k.createdAt(), k.expiresAt() == null ? "never" : k.expiresAt(), k.state(now), k.name());
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke an API key by its ID: it is refused (401) from now on.")
  static final class Revoke extends RevokeCommand {
    @Override
    String what() {
      return "unrevoked API key";
    }

    @Override
    boolean revoke(Storage storage, String id, Instant now, Actor by) {
      return storage.revokeApiKey(id, now, by);
    }
  }
}
