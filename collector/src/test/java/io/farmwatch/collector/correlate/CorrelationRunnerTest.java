package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationRunnerTest {

  @TempDir Path dir;

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void everyObservationOfABurstAndOfLaterBurstsIsCorrelated() throws Exception {
    // The engine belongs to the runner's thread; the test reads what it saves, as the API does.
    Map<String, Alert> saved = new ConcurrentHashMap<>();
    AlertStore store = new AlertStore() {
      @Override
      public void save(Alert alert) {
        saved.put(alert.id(), alert);
      }

      @Override
      public Optional<AlertStatus> status(String alertId) {
        return Optional.empty();
      }
    };
    CorrelationEngine engine = new CorrelationEngine(CorrelationSettings.DEFAULT, store, CLOCK);
    try (SqliteStorage storage = SqliteStorage.open(dir);
        CorrelationRunner runner = new CorrelationRunner(engine, storage, Duration.ofHours(1)).start()) {
      // Submitted faster than they are taken: they arrive as one batch.
      for (int i = 0; i < 50; i++) {
        runner.submit(Obs.device("farm-" + i).gw("aa:aa:aa:aa:aa:01").build());
      }
      Supplier<List<String>> farm = () -> saved.values().stream()
          .filter(a -> a.kind() == AlertKind.LAPTOP_FARM).flatMap(a -> a.deviceIds().stream()).toList();
      awaitSize(farm, 50);
      // After the batch pause the runner takes the next ones too.
      runner.submit(Obs.device("farm-50").gw("aa:aa:aa:aa:aa:01").build());
      awaitSize(farm, 51);
    }
  }

  private static void awaitSize(Supplier<List<String>> devices, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (devices.get().size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(devices.get()).hasSize(size);
  }
}
