package io.farmwatch.collector.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every pooled connection must carry the durability and integrity settings, not only the first. */
class SqliteSettingsTest {

  @TempDir Path dir;

  @Test
  void everyConnectionRunsWithTheIntendedPragmas() throws SQLException {
    try (SqliteStorage storage = SqliteStorage.open(dir)) {
      assertThat(storage.pragma("journal_mode")).isEqualTo("wal");
      assertThat(storage.pragma("synchronous")).isEqualTo("2"); // FULL
      assertThat(storage.pragma("foreign_keys")).isEqualTo("1");
      assertThat(storage.pragma("busy_timeout")).isEqualTo("10000");
      assertThat(storage.pragma("wal_autocheckpoint")).isEqualTo("0");
      assertThat(storage.pragma("cache_size")).isEqualTo(String.valueOf(-SqliteStorage.CACHE_KIB));
    }
  }
}
