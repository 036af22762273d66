package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.store.postgres.PostgresStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresCorrelationStateTest extends CorrelationStateContract {

  private String url;

  @Override
  protected Storage openFresh() {
    url = TestPostgres.freshDatabase();
    return PostgresStorage.open(url);
  }

  @Test
  void oneCollectorAtATimeHoldsTheLeaseAndAKilledHoldersLeaseIsFree() throws Exception {
    try (Storage other = PostgresStorage.open(url);
        CorrelatorLease mine = storage.correlatorLease(); CorrelatorLease theirs = other.correlatorLease()) {
      assertThat(mine.tryAcquire()).isTrue();
      assertThat(theirs.tryAcquire()).isFalse();
      assertThat(mine.held()).isTrue();
      // The server ends the holder's session, as it does when the collector's process dies. Only in
      // this test's own database: classes running beside it hold advisory locks too (Flyway, leases).
      try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND pid <> pg_backend_pid()"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
      }
      assertThat(mine.held()).isFalse();
      assertThat(theirs.tryAcquire()).isTrue();
      assertThat(mine.tryAcquire()).isFalse();
      theirs.close();
      assertThat(mine.tryAcquire()).isTrue();
    }
  }

  @Test
  void theFenceWaitsForAWriterStillHoldingAPosition() throws Exception {
    try (Connection writer = DriverManager.getConnection(url); Statement s = writer.createStatement()) {
      writer.setAutoCommit(false);
      // What a report batch does before it takes positions: the shared fence lock, then the position.
      s.execute("SELECT pg_advisory_xact_lock_shared(" + PostgresStorage.FENCE_LOCK + ")");
      long taken;
      try (ResultSet rs = s.executeQuery("SELECT nextval('observation_seq')")) {
        rs.next();
        taken = rs.getLong(1);
      }
      CompletableFuture<Long> fence = CompletableFuture.supplyAsync(storage::observationFence);
      Thread.sleep(300);
      assertThat(fence).as("the fence must wait for the open batch").isNotDone();
      writer.commit();
      assertThat(fence.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(taken);
    }
    assertThat(storage.observedAfter(0, storage.observationFence(), 10)).isEqualTo(List.of());
  }
}
