package io.farmwatch.collector.store;

import io.farmwatch.collector.store.postgres.PostgresStorage;

class PostgresStorageTest extends StorageContract {

  @Override
  protected Storage openFresh() {
    return PostgresStorage.open(TestPostgres.freshDatabase());
  }
}
