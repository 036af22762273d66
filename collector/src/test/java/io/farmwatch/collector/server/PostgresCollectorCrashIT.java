package io.farmwatch.collector.server;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.TestPostgres;
import io.farmwatch.collector.store.postgres.PostgresStorage;
import java.util.List;

class PostgresCollectorCrashIT extends CollectorCrashContract {

  private final String url = TestPostgres.freshDatabase();

  @Override
  protected List<String> storageArgs() {
    return List.of("--db", url);
  }

  @Override
  protected Storage openStorage() {
    return PostgresStorage.open(url);
  }
}
