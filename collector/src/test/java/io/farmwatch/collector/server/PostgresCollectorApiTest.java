package io.farmwatch.collector.server;

import io.farmwatch.collector.store.Storage;
import io.farmwatch.collector.store.TestPostgres;
import io.farmwatch.collector.store.postgres.PostgresStorage;

class PostgresCollectorApiTest extends CollectorApiContract {

  private String url;

  @Override
  protected Storage openFresh() {
    // The revocation test restarts the server on the same database.
    if (url == null) {
      url = TestPostgres.freshDatabase();
    }
    return PostgresStorage.open(url);
  }
}
