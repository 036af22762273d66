package io.farmwatch.collector.correlate;

import java.util.Optional;

/** Where the engine's alerts go, and where analysts' triage of them comes back from. */
public interface AlertStore {

  /** Saves the alert, keeping the status and comments analysts gave it. */
  void save(Alert alert);

  /** The analyst status of an alert. */
  Optional<AlertStatus> status(String alertId);
}
