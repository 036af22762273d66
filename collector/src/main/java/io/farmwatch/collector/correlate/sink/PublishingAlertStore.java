package io.farmwatch.collector.correlate.sink;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.AlertStore;
import java.util.List;
import java.util.Optional;

/** Stores alerts and hands each stored update to the configured sinks. */
public final class PublishingAlertStore implements AlertStore {

  private final AlertStore delegate;
  private final List<RetryingSink> sinks;

  public PublishingAlertStore(AlertStore delegate, List<RetryingSink> sinks) {
    this.delegate = delegate;
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public void save(Alert alert) {
    delegate.save(alert);
    sinks.forEach(s -> s.publish(alert));
  }

  @Override
  public Optional<String> status(String alertId) {
    return delegate.status(alertId);
  }
}
