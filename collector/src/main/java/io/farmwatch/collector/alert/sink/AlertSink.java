package io.farmwatch.collector.alert.sink;

import io.farmwatch.collector.correlate.Alert;
import java.io.IOException;

/** Somewhere alerts are delivered: a file, a SIEM over syslog, a webhook. */
public interface AlertSink extends AutoCloseable {

  /**
   * Delivers one alert, rendered within the sink's size limit; throws when it could not, so the
   * caller can retry, or {@link PermanentSinkFailure} when retrying cannot help.
   */
  void deliver(Alert alert) throws IOException;

  /** A short label for metrics: {@code jsonl}, {@code syslog-udp}, {@code syslog-tcp}, {@code webhook}. */
  String kind();

  String describe();

  @Override
  default void close() {}
}
