package io.farmwatch.collector.cli;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.postgres.PostgresStorage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the collector keeps its data: a SQLite file under --data, or PostgreSQL with --db. */
final class StoreOptions {

  @Option(names = "--data", paramLabel = "DIR", required = true,
      description = "Data folder (holds the SQLite database unless --db is given).")
  Path data;

  @Option(names = "--db", paramLabel = "JDBC_URL",
      description = "PostgreSQL instead of SQLite, e.g. jdbc:postgresql://db:5432/farmwatch?user=fw")
  String db;

  /** Notes what is wrong with these options without creating or opening anything. */
  void validate(CommandLineProblems problems) {
    if (Files.exists(data) && !Files.isDirectory(data)) {
      problems.add("--data", data + " is a file, not a folder");
    }
    if (db != null && !db.startsWith("jdbc:postgresql:")) {
      problems.add("--db", "must be a jdbc:postgresql: URL, not '" + db + "'");
    }
  }

  Storage open() throws IOException {
    CommandLineProblems problems = new CommandLineProblems();
    validate(problems);
    problems.throwIfAny();
    Files.createDirectories(data);
    return db == null ? SqliteStorage.open(data) : PostgresStorage.open(db);
  }
}
