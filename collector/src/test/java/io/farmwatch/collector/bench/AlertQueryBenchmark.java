package io.farmwatch.collector.bench;

import io.farmwatch.collector.store.AlertCounts;
import io.farmwatch.collector.store.AlertCursor;
import io.farmwatch.collector.store.AlertQuery;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.AlertSort;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.TestPostgres;
import io.farmwatch.collector.store.postgres.PostgresStorage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one page of the analyst's alert queue costs the database: a page of 100 from a random place
 * in the list (so deep pages count as much as the first), newest first and "open, most severe
 * first", and the counts beside it. SQLite's file is on /dev/shm so seeding is not fsync-bound; the
 * PostgreSQL is {@code FARMWATCH_TEST_PG_URL}'s. Run with
 * {@code scripts/bench collector AlertQueryBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class AlertQueryBenchmark {

  private static final int PAGE = 100;
  private static final List<String> KINDS = List.of("LAPTOP_FARM", "REMOTE_CONTROL", "AGENT_SILENT",
      "HARDWARE_CHANGED", "LOCALE_MISMATCH");
  private static final List<String> SEVERITIES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");
  private static final List<String> STATUSES = List.of("OPEN", "OPEN", "ACKNOWLEDGED", "CLOSED_FALSE_POSITIVE",
      "RESOLVED");

  @Param({"sqlite", "postgres"})
  public String backend;

  @Param({"10000", "100000"})
  public int alerts;

  private Storage storage;
  private Path dir;
  private final List<AlertCursor> newestPlaces = new ArrayList<>();
  private final List<AlertCursor> severityPlaces = new ArrayList<>();
  private AlertQuery newest;
  private AlertQuery openMostSevere;

  @Setup(Level.Trial)
  public void seed() throws Exception {
    if (backend.equals("sqlite")) {
      dir = Files.createTempDirectory(Path.of("/dev/shm"), "alert-bench");
      storage = SqliteStorage.open(dir);
    } else {
      storage = PostgresStorage.open(TestPostgres.freshDatabase());
    }
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> parts = new ArrayList<>();
    for (int part = 0; part < 4; part++) {
      int first = part;
      parts.add(pool.submit(() -> {
        Random r = new Random(first);
        for (int i = first; i < alerts; i += 4) {
          storage.saveAlert(new AlertRecord(String.format("alert-%07d", i), KINDS.get(r.nextInt(KINDS.size())),
              SEVERITIES.get(r.nextInt(SEVERITIES.size())), 0.5, "[\"dev_" + r.nextInt(alerts / 3) + "\"]", "[]",
              "s", t0, t0.plusSeconds(r.nextInt(90 * 86400)), STATUSES.get(r.nextInt(STATUSES.size())), t0));
        }
        return null;
      }));
    }
    for (Future<?> f : parts) {
      f.get();
    }
    pool.shutdown();
    newest = AlertQuery.newest(PAGE);
    openMostSevere = new AlertQuery(Set.of("OPEN"), null, null, null, null, null, null, AlertSort.SEVERITY, null,
        PAGE);
    places(newest, newestPlaces);
    places(openMostSevere, severityPlaces);
  }

  /** The cursor of every 10th page, to start pages from. */
  private void places(AlertQuery q, List<AlertCursor> out) {
    AlertQuery page = q.page(null, AlertQuery.MAX_LIMIT);
    while (true) {
      List<AlertRecord> got = storage.alerts(page);
      if (got.size() < AlertQuery.MAX_LIMIT) {
        return;
      }
      AlertRecord last = got.get(got.size() - 1);
      out.add(AlertCursor.after(q.sort(), last));
      page = q.page(AlertCursor.after(q.sort(), last), AlertQuery.MAX_LIMIT);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    storage.close();
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static AlertCursor any(List<AlertCursor> places) {
    int i = ThreadLocalRandom.current().nextInt(places.size() + 1);
    return i == places.size() ? null : places.get(i);
  }

  @Benchmark
  public List<AlertRecord> pageNewest() {
    return storage.alerts(newest.page(any(newestPlaces), PAGE));
  }

  @Benchmark
  public List<AlertRecord> pageOpenMostSevere() {
    return storage.alerts(openMostSevere.page(any(severityPlaces), PAGE));
  }

  @Benchmark
  public AlertCounts countsOfOpen() {
    return storage.alertCounts(openMostSevere);
  }
}
