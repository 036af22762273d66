package io.farmwatch.collector.server;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.util.List;

class SqliteCollectorCrashIT extends CollectorCrashContract {

  @Override
  protected List<String> storageArgs() {
    return List.of();
  }

  @Override
  protected Storage openStorage() {
    return SqliteStorage.open(data);
  }
}
