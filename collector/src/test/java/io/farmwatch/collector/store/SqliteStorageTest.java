package io.farmwatch.collector.store;

import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStorageTest extends StorageContract {

  @TempDir Path dir;

  @Override
  protected Storage openFresh() throws IOException {
    return SqliteStorage.open(Files.createTempDirectory(dir, "store"));
  }
}
