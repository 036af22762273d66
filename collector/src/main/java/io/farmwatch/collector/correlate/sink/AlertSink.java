package io.farmwatch.collector.correlate.sink;

import io.farmwatch.collector.correlate.Alert;
import java.io.IOException;

/** Somewhere alerts are delivered: a file, a SIEM over syslog, a webhook. */
public interface AlertSink extends AutoCloseable {

  /** Delivers one alert; throws when it could not, so the caller can retry. */
  void deliver(Alert alert) throws IOException;

  String describe();

  @Override
  default void close() {}
}
