package io.farmwatch.collector.correlate;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteLocationAlertLifecycleTest extends LocationAlertLifecycleContract {

  @TempDir Path dir;

  @Override
  protected Storage openFresh() {
    return SqliteStorage.open(dir);
  }
}
