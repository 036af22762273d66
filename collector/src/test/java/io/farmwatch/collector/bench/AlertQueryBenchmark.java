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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * first", and the counts beside it. SQLite's file is on /dev/shm; the PostgreSQL is
 * {@code FARMWATCH_TEST_PG_URL}'s. Run with
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
    String url;
    if (backend.equals("sqlite")) {
      dir = Files.createTempDirectory(Path.of("/dev/shm"), "alert-bench");
      url = "jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME);
      storage = SqliteStorage.open(url);
    } else {
      url = TestPostgres.freshDatabase();
      storage = PostgresStorage.open(url);
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate(seedSql(backend.equals("sqlite"), alerts));
      s.executeUpdate("INSERT INTO alert_devices(alert_id, device_id)"
          + " SELECT alert_id, substr(device_ids, 3, length(device_ids) - 4) FROM alerts");
      s.execute("ANALYZE");
    }
    newest = AlertQuery.newest(PAGE);
    openMostSevere = new AlertQuery(Set.of("OPEN"), null, null, null, null, null, null, AlertSort.SEVERITY, null,
        PAGE);
    places(newest, newestPlaces);
    places(openMostSevere, severityPlaces);
  }

  /**
   * {@code n} alerts in one statement (saving them one by one would take far longer than the
   * measurement): kinds, severities and statuses spread by multiplicative hashing of the row number,
   * last seen over 90 days, a third as many devices.
   */
  private static String seedSql(boolean sqlite, int n) {
    long t0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    String severity = "((i * 7919) % 5)";
    String select = (sqlite ? "printf('alert-%07d', i)" : "'alert-' || lpad(i::text, 7, '0')") + ", "
        + pick("((i * 104729) % 5)", KINDS) + ", " + pick(severity, SEVERITIES) + ", " + severity + ", 0.5, "
        + "'[\"dev_' || (i % " + Math.max(1, n / 3) + ") || '\"]', '[]', 's', " + t0 + ", "
        + t0 + " + ((i * 2654435761) % 7776000) * 1000, " + pick("((i * 15485863) % 5)", STATUSES) + ", " + t0;
    String insert = "INSERT INTO alerts(alert_id, kind, severity, severity_rank, score, device_ids, evidence_json,"
        + " summary, first_seen, last_seen, status, updated_at) SELECT " + select;
    return sqlite
        ? "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < " + (n - 1) + ") "
            + insert + " FROM seq"
        : insert + " FROM generate_series(0::bigint, " + (n - 1) + ") AS seq(i)";
  }

  private static String pick(String index, List<String> names) {
    StringBuilder sql = new StringBuilder("CASE " + index);
    for (int i = 0; i < names.size(); i++) {
      sql.append(" WHEN ").append(i).append(" THEN '").append(names.get(i)).append("'");
    }
    return sql.append(" END").toString();
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
