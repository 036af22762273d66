package io.farmwatch.collector.cli;

import io.farmwatch.collector.store.AuditEntry;
import io.farmwatch.collector.store.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The audit log: who changed what, through the API or this command line. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Show the newest audit log entries: who revoked or created what, and triage.")
final class AuditCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Option(names = "--limit", defaultValue = "50", description = "How many entries, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws Exception {
    if (limit < 1 || limit > 100_000) {
      throw new IllegalArgumentException("--limit must be from 1 to 100000");
    }
    try (Storage storage = store.open()) {
      System.out.printf("%-8s %-24s %-14s %-16s %-14s %s%n", "ID", "AT", "KEY", "ACTION", "TARGET", "NAME / DETAIL");
      for (AuditEntry e : storage.auditLog(Long.MAX_VALUE, limit)) {
        System.out.printf("%-8d %-24s %-14s %-16s %-14s %s%s%n", e.entryId(), e.at(), e.actorId(), e.action(),
            e.target(), e.actorName(), e.detail() == null ? "" : " / " + e.detail());
      }
    }
    return 0;
  }
}
