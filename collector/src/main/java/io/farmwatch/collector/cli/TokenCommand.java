package io.farmwatch.collector.cli;

import io.farmwatch.collector.auth.Issued;
import io.farmwatch.collector.enroll.EnrollmentService;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.EnrollmentToken;
import io.farmwatch.collector.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Enrollment tokens: what an IT department hands to its MDM to enroll laptops. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Create, list and revoke enrollment tokens.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token; prints it as the last line (it is shown only once).")
  static final class Create implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Option(names = "--uses", defaultValue = "1", description = "How many devices may enroll with it (default: ${DEFAULT-VALUE}).")
    int uses;

    @Option(names = "--expires", converter = DurationParser.class, defaultValue = "7d",
        description = "How long it stays valid, e.g. 12h or 30d (default: ${DEFAULT-VALUE}).")
    Duration expires;

    @Override
    public Integer call() throws Exception {
      try (Storage storage = store.open()) {
        Issued<EnrollmentToken> token =
            new EnrollmentService(storage, Clock.systemUTC()).createToken(uses, expires, Actor.CLI);
        System.out.println("Enrollment token " + token.stored().tokenId() + " for " + uses
            + " device(s), valid for " + expires + ":");
        System.out.println(token.secret());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (IDs, never secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Override
    public Integer call() throws Exception {
      try (Storage storage = store.open()) {
        Instant now = Instant.now();
        System.out.printf("%-14s %-22s %-22s %5s  %s%n", "ID", "CREATED", "EXPIRES", "USES", "STATE");
        for (EnrollmentToken t : storage.tokens()) {
          System.out.printf("%-14s %-22s %-22s %5d  %s%n", t.tokenId(), t.createdAt(),
              t.expiresAt() == null ? "never" : t.expiresAt(), t.usesLeft(),
              t.state(now));
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its ID.")
  static final class Revoke extends RevokeCommand {
    @Override
    String what() {
      return "unrevoked token";
    }

    @Override
    boolean revoke(Storage storage, String id, Instant now, Actor by) {
      return storage.revokeToken(id, now, by);
    }
  }
}
