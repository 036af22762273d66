package io.farmwatch.collector.alert.sink;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.AlertStatus;
import io.farmwatch.collector.correlate.AlertStore;
import io.farmwatch.collector.correlate.Evidence;
import io.farmwatch.collector.correlate.StorageAlertStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores alerts and hands each stored update whose content changed to the configured sinks. The
 * engine starts empty and re-saves every alert while it rebuilds its state at start; comparing with
 * the stored alert keeps a restart from sending (and appending to a JSON-lines file) every alert again.
 */
public final class PublishingAlertStore implements AlertStore {

  private final StorageAlertStore delegate;
  private final List<RetryingSink> sinks;

  public PublishingAlertStore(StorageAlertStore delegate, List<RetryingSink> sinks) {
    this.delegate = delegate;
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void save(Alert alert) {
    boolean changed = delegate.find(alert.id()).map(stored -> !sameContent(stored, alert)).orElse(true);
    delegate.save(alert);
    if (changed) {
      sinks.forEach(s -> s.publish(alert));
    }
  }

  /**
   * What an analyst reads: kind, severity, score, devices, evidence and summary. Time stamps are
   * left out: a rebuilt engine stamps an unchanged alert with the time of the restart.
   */
  static boolean sameContent(Alert a, Alert b) {
    return a.kind().equals(b.kind()) && a.severity().equals(b.severity()) && a.score() == b.score()
        && a.deviceIds().equals(b.deviceIds()) && a.summary().equals(b.summary())
        && untimed(a.evidence()).equals(untimed(b.evidence()));
  }

  private static List<List<Object>> untimed(List<Evidence> evidence) {
    return evidence.stream()
        .map(e -> List.<Object>of(e.signal(), e.strength(), Objects.toString(e.value()), e.deviceIds(),
            Objects.toString(e.detail())))
        .toList();
  }

  @Override
  public Optional<AlertStatus> status(String alertId) {
    return delegate.status(alertId);
  }

  @Override
  public void changeStatus(String alertId, AlertStatus to, String why) {
    delegate.changeStatus(alertId, to, why);
  }

  @Override
  public void merge(String absorbedId, String survivorId) {
    delegate.merge(absorbedId, survivorId);
  }
}
