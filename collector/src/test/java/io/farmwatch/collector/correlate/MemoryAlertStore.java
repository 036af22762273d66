package io.farmwatch.collector.correlate;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alerts kept in memory, with statuses a test can set as an analyst would; thread-safe, so a test
 * may read what an engine on another thread saves.
 */
public final class MemoryAlertStore implements AlertStore {

  public final Map<String, Alert> saved = new ConcurrentHashMap<>();
  public final Map<String, AlertStatus> statuses = new ConcurrentHashMap<>();
  /** Absorbed alert ID to the ID of the alert it merged into. */
  public final Map<String, String> mergedInto = new ConcurrentHashMap<>();
  int writes;

  @Override
  public void save(Alert alert) {
    saved.put(alert.id(), alert);
    writes++;
  }

  @Override
  public Optional<AlertStatus> status(String alertId) {
    return Optional.ofNullable(statuses.get(alertId));
  }

  @Override
  public void changeStatus(String alertId, AlertStatus to, String why) {
    statuses.put(alertId, to);
  }

  @Override
  public void merge(String absorbedId, String survivorId) {
    statuses.put(absorbedId, AlertStatus.MERGED);
    mergedInto.put(absorbedId, survivorId);
  }
}
