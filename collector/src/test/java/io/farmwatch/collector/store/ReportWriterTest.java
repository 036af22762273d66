package io.farmwatch.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path dir;
  private HikariDataSource dataSource;

  @BeforeEach
  void open() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("w.db"));
    dataSource = new HikariDataSource(config);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE seen(device_id TEXT, sequence INTEGER)");
    }
  }

  @AfterEach
  void close() {
    dataSource.close();
  }

  private static List<AcceptOutcome> insert(Connection c, List<IncomingReport> reports) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO seen VALUES (?, ?)")) {
      for (IncomingReport r : reports) {
        s.setString(1, r.deviceId());
        s.setLong(2, r.sequence());
        s.executeUpdate();
      }
    }
    return reports.stream().map(r -> AcceptOutcome.STORED).toList();
  }

  private static IncomingReport report(long sequence) {
    return new IncomingReport("d1", sequence, Instant.EPOCH, Instant.EPOCH, null, new byte[0], null, null, null, null, null, List.of());
  }

  private long rows() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM seen")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void housekeepingRunsAfterTheCommitOutsideAnyTransaction() throws SQLException {
    AtomicBoolean autoCommit = new AtomicBoolean();
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert,
        c -> autoCommit.set(c.getAutoCommit()))) {
      assertThat(writer.submit(report(1))).isEqualTo(AcceptOutcome.STORED);
    }
    assertThat(autoCommit).isTrue();
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void failingHousekeepingNeitherFailsNorRepeatsTheBatch() throws SQLException {
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert, c -> {
      throw new SQLException("disk hiccup during a checkpoint");
    })) {
      assertThat(writer.submit(report(1))).isEqualTo(AcceptOutcome.STORED);
      assertThat(writer.submit(report(2))).isEqualTo(AcceptOutcome.STORED);
    }
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void aReportThatFailsItsBatchFailsAloneAndTheOthersAreStored() throws Exception {
    ReportWriter.Step rejectsNegative = (c, reports) -> {
      if (reports.stream().anyMatch(r -> r.sequence() < 0)) {
        throw new SQLException("constraint failed");
      }
      return insert(c, reports);
    };
    ExecutorService senders = Executors.newFixedThreadPool(16);
    try (ReportWriter writer = new ReportWriter(dataSource, rejectsNegative, c -> { })) {
      List<Future<AcceptOutcome>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        long sequence = i == 17 ? -1 : i;
        results.add(senders.submit(() -> writer.submit(report(sequence))));
      }
      for (int i = 0; i < results.size(); i++) {
        Future<AcceptOutcome> result = results.get(i);
        if (i == 17) {
          assertThatThrownBy(result::get).hasCauseInstanceOf(StoreException.class)
              .hasMessageContaining("constraint failed");
        } else {
          assertThat(result.get()).isEqualTo(AcceptOutcome.STORED);
        }
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(rows()).isEqualTo(63);
  }

  @Test
  void listenersHearHowLongTheHousekeepingAfterEachBatchHeldTheWriter() throws SQLException {
    List<Long> pauses = new CopyOnWriteArrayList<>();
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert, c -> pause())) {
      writer.onBatchCommitted(new Storage.BatchListener() {
        @Override
        public void committed(int reports, long nanos) {}

        @Override
        public void housekept(long nanos) {
          pauses.add(nanos);
        }
      });
      writer.submit(report(1));
      writer.submit(report(2));
    }
    assertThat(pauses).hasSize(2).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(30_000_000L));
  }

  private static void pause() {
    try {
      Thread.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void batchListenersHearOfEachCommitAndCannotStallIt() throws SQLException {
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert, c -> { })) {
      writer.onBatchCommitted((reports, nanos) -> {
        throw new IllegalStateException("broken metrics");
      });
      writer.onBatchCommitted((reports, nanos) -> sizes.add(reports));
      assertThat(writer.submit(report(1))).isEqualTo(AcceptOutcome.STORED);
      assertThat(writer.submit(report(2))).isEqualTo(AcceptOutcome.STORED);
    }
    assertThat(sizes).containsExactly(1, 1);
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void underConcurrentLoadTheWriterGathersReportsIntoOneCommit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ReportWriter.Step firstBatchWaits = holdingTheFirstReportUntil(release);
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try (ReportWriter writer = new ReportWriter(dataSource, firstBatchWaits, c -> { },
        Duration.ofSeconds(1))) {
      writer.onBatchCommitted((reports, nanos) -> sizes.add(reports));
      Future<AcceptOutcome> first = senders.submit(() -> writer.submit(report(1)));
      Thread.sleep(100);
      List<Future<AcceptOutcome>> queued = List.of(senders.submit(() -> writer.submit(report(2))),
          senders.submit(() -> writer.submit(report(3))));
      Thread.sleep(100);
      release.countDown();
      first.get();
      for (Future<AcceptOutcome> f : queued) {
        f.get();
      }
      // The writer has now seen two reports at once: the next ones are gathered.
      Future<AcceptOutcome> early = senders.submit(() -> writer.submit(report(4)));
      Thread.sleep(200);
      Future<AcceptOutcome> late = senders.submit(() -> writer.submit(report(5)));
      assertThat(early.get()).isEqualTo(AcceptOutcome.STORED);
      assertThat(late.get()).isEqualTo(AcceptOutcome.STORED);
    } finally {
      senders.shutdownNow();
    }
    assertThat(sizes).containsExactly(1, 2, 2);
  }

  @Test
  void aFullBatchEndsTheGatherWindowEarly() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ReportWriter.Step firstBatchWaits = holdingTheFirstReportUntil(release);
    List<Integer> sizes = new CopyOnWriteArrayList<>();
    int concurrent = ReportWriter.GATHER_TARGET + 2;
    ExecutorService senders = Executors.newFixedThreadPool(concurrent);
    List<Future<AcceptOutcome>> burst = new ArrayList<>();
    long start = System.nanoTime();
    try (ReportWriter writer = new ReportWriter(dataSource, firstBatchWaits, c -> { },
        Duration.ofSeconds(60))) {
      writer.onBatchCommitted((reports, nanos) -> sizes.add(reports));
      // Held in its commit while the others queue up: the writer then sees a batch of them and
      // gathers for its next one, whose window only a full queue can cut short.
      Future<AcceptOutcome> first = senders.submit(() -> writer.submit(report(1)));
      Thread.sleep(100);
      List<Future<AcceptOutcome>> rest = new ArrayList<>();
      for (int i = 2; i <= 3; i++) {
        long sequence = i;
        rest.add(senders.submit(() -> writer.submit(report(sequence))));
      }
      Thread.sleep(100);
      release.countDown();
      first.get();
      for (Future<AcceptOutcome> f : rest) {
        f.get();
      }
      for (int i = 4; i < 4 + concurrent; i++) {
        long sequence = i;
        burst.add(senders.submit(() -> writer.submit(report(sequence))));
      }
      // A full batch is stored long before its window ends. The burst's last few may be left for
      // a batch of their own that gathers for its whole window: closing the writer cuts it short.
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (burst.stream().filter(Future::isDone).count() < ReportWriter.GATHER_TARGET
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(burst.stream().filter(Future::isDone).count()).isGreaterThanOrEqualTo(ReportWriter.GATHER_TARGET);
    } finally {
      senders.shutdownNow();
    }
    for (Future<AcceptOutcome> f : burst) {
      assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(AcceptOutcome.STORED);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(sizes).startsWith(1, 2).hasSizeGreaterThan(2);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 + concurrent);
  }

  @Test
  void aLoneReportIsNeverHeldBackToGatherOthers() throws SQLException {
    long start = System.nanoTime();
    try (ReportWriter writer = new ReportWriter(dataSource, ReportWriterTest::insert, c -> { },
        Duration.ofSeconds(30))) {
      for (int i = 1; i <= 3; i++) {
        assertThat(writer.submit(report(i))).isEqualTo(AcceptOutcome.STORED);
      }
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  /** Inserts, but holds the batch with sequence 1 in its commit until released. */
  private static ReportWriter.Step holdingTheFirstReportUntil(CountDownLatch release) {
    return (c, reports) -> {
      if (reports.get(0).sequence() == 1) {
        awaitQuietly(release);
      }
      return insert(c, reports);
    };
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
