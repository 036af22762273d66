package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.store.postgres.PostgresStorage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration V4 on a database written before it: comments become history, devices become rows. */
class AlertHistoryMigrationTest {

  @TempDir Path dir;

  @Test
  void sqlite() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE_NAME).toAbsolutePath();
    migrated(url, "sqlite", SqliteStorage::open);
  }

  @Test
  void postgres() throws Exception {
    migrated(TestPostgres.freshDatabase(), "postgres", PostgresStorage::open);
  }

  private static void migrated(String url, String folder, Function<String, Storage> open) throws Exception {
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/" + folder).target("2").load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO alerts(alert_id, kind, severity, score, device_ids, evidence_json, summary,"
          + " first_seen, last_seen, status, comments_json, updated_at) VALUES ('a1', 'LAPTOP_FARM', 'HIGH', 0.9,"
          + " '[\"d1\",\"d2\"]', '[]', 's', 0, 1000, 'ACKNOWLEDGED', '[{\"at\":\"2026-11-30T10:00:00.123Z\","
          + "\"by\":\"alice\",\"byKeyId\":\"k1\",\"text\":\"first\"},{\"at\":\"2026-11-30T11:00:00Z\",\"by\":\"bob\","
          + "\"byKeyId\":\"k2\",\"text\":\"second\"}]', 1000)");
      s.executeUpdate("INSERT INTO alerts(alert_id, kind, severity, score, device_ids, evidence_json, summary,"
          + " first_seen, last_seen, status, updated_at) VALUES ('a2', 'AGENT_SILENT', 'MEDIUM', 0.5, '[\"d2\"]',"
          + " '[]', 's', 0, 2000, 'OPEN', 2000)");
    }
    try (Storage storage = open.apply(url)) {
      assertThat(storage.alertHistory("a1")).extracting(AlertHistoryEntry::change).containsExactly(
          new AlertChange("a1", Instant.parse("2026-11-30T11:00:00Z"), new Actor("k2", "bob"), AlertAction.COMMENTED,
              null, null, "second"),
          new AlertChange("a1", Instant.parse("2026-11-30T10:00:00.123Z"), new Actor("k1", "alice"),
              AlertAction.COMMENTED, null, null, "first"));
      assertThat(storage.alertHistory("a2")).isEmpty();
      assertThat(storage.alerts(new AlertQuery(null, null, null, "d2", null, null, null, AlertSort.SEVERITY, null,
          10))).extracting(AlertRecord::alertId).containsExactly("a1", "a2");
      assertThat(storage.alertCounts(new AlertQuery(Set.of("OPEN"), null, null, "d1", null, null, null,
          AlertSort.NEWEST, null, 1)).total()).isZero();
    }
  }
}
