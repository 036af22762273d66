package io.farmwatch.collector.cli;

import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.Storage;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The {@code revoke ID} subcommands: revoke one thing by ID, audited as done by the CLI. */
abstract class RevokeCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Parameters(paramLabel = "ID")
  String id;

  /** What is revoked, for the message when there is nothing to revoke, e.g. "active device". */
  abstract String what();

  abstract boolean revoke(Storage storage, String id, Instant now, Actor by);

  @Override
  public Integer call() throws Exception {
    try (Storage storage = store.open()) {
      if (!revoke(storage, id, Instant.now(), Actor.CLI)) {
        System.err.println("no " + what() + " with ID " + id);
        return 1;
      }
      System.out.println("revoked " + id);
    }
    return 0;
  }
}
