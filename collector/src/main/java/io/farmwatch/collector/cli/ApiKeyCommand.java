package io.farmwatch.collector.cli;

import io.farmwatch.collector.api.ApiKeys;
import io.farmwatch.collector.store.ApiRole;
import io.farmwatch.collector.store.Storage;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** API keys for analysts and admins. */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys.",
    subcommands = {ApiKeyCommand.Create.class})
final class ApiKeyCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an API key; prints it as the last line (it is shown only once).")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--role", required = true, description = "analyst or admin")
    String role;

    @Override
    public Integer call() throws Exception {
      ApiRole parsed = switch (role) {
        case "analyst" -> ApiRole.ANALYST;
        case "admin" -> ApiRole.ADMIN;
        default -> throw new IllegalArgumentException("--role must be analyst or admin, not '" + role + "'");
      };
      try (Storage storage = store.open()) {
        String key = new ApiKeys(storage, Clock.systemUTC()).create(parsed);
        System.out.println("API key (" + role + "); send it as 'Authorization: Bearer KEY':");
        System.out.println(key);
      }
      return 0;
    }
  }
}
