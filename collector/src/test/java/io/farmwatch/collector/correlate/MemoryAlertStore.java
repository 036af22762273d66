package io.farmwatch.collector.correlate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Alerts kept in memory, with statuses a test can set as an analyst would. */
final class MemoryAlertStore implements AlertStore {

  final Map<String, Alert> saved = new LinkedHashMap<>();
  final Map<String, AlertStatus> statuses = new LinkedHashMap<>();
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
}
