package io.farmwatch.collector.correlate;

import java.util.Optional;

/** Where the engine's alerts go, and where analysts' triage of them comes back from. */
public interface AlertStore {

  /** Saves the alert, keeping the status and comments analysts gave it. */
  void save(Alert alert);

  /** The analyst status of an alert. */
  Optional<AlertStatus> status(String alertId);

  /** The collector's own status change (resolved, reopened), recorded with why. */
  void changeStatus(String alertId, AlertStatus to, String why);

  /** Records that {@code absorbedId}'s cluster joined {@code survivorId}'s: the absorbed alert becomes MERGED. */
  void merge(String absorbedId, String survivorId);
}
