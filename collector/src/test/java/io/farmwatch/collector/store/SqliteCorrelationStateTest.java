package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCorrelationStateTest extends CorrelationStateContract {

  @TempDir Path dir;

  @Override
  protected Storage openFresh() {
    return SqliteStorage.open(dir);
  }

  @Test
  void theOnlyCollectorOfAFileAlwaysCorrelates() {
    try (CorrelatorLease lease = storage.correlatorLease()) {
      assertThat(lease.tryAcquire()).isTrue();
      assertThat(lease.held()).isTrue();
    }
  }
}
