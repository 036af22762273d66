package io.farmwatch.collector.server;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteCollectorApiTest extends CollectorApiContract {

  @TempDir Path dir;

  @Override
  protected Storage openFresh() {
    return SqliteStorage.open(dir);
  }
}
