package io.farmwatch.collector.correlate;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.TestPostgres;
import io.farmwatch.collector.store.postgres.PostgresStorage;

class PostgresLocationAlertLifecycleTest extends LocationAlertLifecycleContract {

  @Override
  protected Storage openFresh() {
    return PostgresStorage.open(TestPostgres.freshDatabase());
  }
}
