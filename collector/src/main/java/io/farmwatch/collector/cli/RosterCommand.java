package io.farmwatch.collector.cli;

import io.farmwatch.collector.roster.RosterCsv;
import io.farmwatch.collector.store.Storage;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The roster: who each laptop was issued to and where they claim to work from. */
@Command(name = "roster", mixinStandardHelpOptions = true, description = "Manage the employee roster.",
    subcommands = {RosterCommand.Import.class})
final class RosterCommand {

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Replace the roster with a CSV: device (ID or serial), employee, country, region, timezone."
          + " Bad lines are listed and nothing is imported while any remain.")
  static final class Import implements Callable<Integer> {
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "FILE.csv")
    Path file;

    @Override
    public Integer call() throws Exception {
      RosterCsv.Result result;
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        result = RosterCsv.parse(in);
      }
      if (!result.errors().isEmpty()) {
        for (RosterCsv.LineError e : result.errors()) {
          System.err.println(file + ":" + e.line() + ": " + e.reason());
        }
        System.err.println("roster not imported: fix the lines above");
        return 1;
      }
      try (Storage storage = store.open()) {
        storage.replaceRoster(result.entries(), Instant.now());
      }
      System.out.println("imported " + result.entries().size() + " roster entries; a running collector picks"
          + " them up when restarted");
      return 0;
    }
  }
}
