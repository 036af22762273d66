package io.farmwatch.collector.correlate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.Severity;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Keeps engine alerts in the collector's database, preserving analysts' status (comments live in the alert's history). */
public final class StorageAlertStore implements AlertStore {

  private final Storage storage;
  private final Clock clock;

  public StorageAlertStore(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public void save(Alert a) {
    Optional<AlertRecord> existing = storage.alert(a.id());
    try {
      storage.saveAlert(new AlertRecord(a.id(), a.kind().name(), a.severity().name(), a.score(),
          ProtocolJson.mapper().writeValueAsString(a.deviceIds()),
          ProtocolJson.mapper().writeValueAsString(a.evidence()), a.summary(), a.firstSeen(), a.lastSeen(),
          existing.map(AlertRecord::status).orElse(AlertStatus.OPEN.name()), clock.instant()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert records always serialize", e);
    }
  }

  /** The alert as last saved, without its status and comments. */
  public Optional<Alert> find(String alertId) {
    return storage.alert(alertId).map(r -> {
      try {
        return new Alert(r.alertId(), AlertKind.valueOf(r.kind()), Severity.valueOf(r.severity()), r.score(),
            List.of(ProtocolJson.mapper().readValue(r.deviceIdsJson(), String[].class)),
            List.of(ProtocolJson.mapper().readValue(r.evidenceJson(), Evidence[].class)), r.summary(), r.firstSeen(),
            r.lastSeen());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("alert " + alertId + " is stored unreadable", e);
      }
    });
  }

  @Override
  public Optional<AlertStatus> status(String alertId) {
    return storage.alert(alertId).map(r -> AlertStatus.valueOf(r.status()));
  }
}
