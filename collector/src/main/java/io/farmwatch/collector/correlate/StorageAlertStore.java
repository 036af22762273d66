package io.farmwatch.collector.correlate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.collector.store.Actor;
import io.farmwatch.collector.store.AlertAction;
import io.farmwatch.collector.store.AlertRecord;
import io.farmwatch.collector.store.Storage;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.Severity;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Keeps engine alerts in the collector's database, preserving analysts' status (comments live in the alert's history). */
public final class StorageAlertStore implements AlertStore {

  /** Who the audit log and triage history name for the collector's own status changes. */
  static final Actor CORRELATION = new Actor("correlation", "correlation");
  static final int RELOAD_PAGE = 1000;

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
    return storage.alert(alertId).map(StorageAlertStore::alert);
  }

  private static Alert alert(AlertRecord r) {
    try {
      return new Alert(r.alertId(), AlertKind.valueOf(r.kind()), Severity.valueOf(r.severity()), r.score(),
          List.of(ProtocolJson.mapper().readValue(r.deviceIdsJson(), String[].class)),
          List.of(ProtocolJson.mapper().readValue(r.evidenceJson(), Evidence[].class)), r.summary(), r.firstSeen(),
          r.lastSeen());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert " + r.alertId() + " is stored unreadable", e);
    }
  }

  /** Every stored alert with its status, in ID order, a page at a time: how a new correlator resumes. */
  public void forEach(java.util.function.BiConsumer<Alert, AlertStatus> action) {
    String after = null;
    while (true) {
      List<AlertRecord> page = storage.alertsAfter(after, RELOAD_PAGE);
      for (AlertRecord r : page) {
        action.accept(alert(r), AlertStatus.valueOf(r.status()));
      }
      if (page.size() < RELOAD_PAGE) {
        return;
      }
      after = page.get(page.size() - 1).alertId();
    }
  }

  @Override
  public void changeStatus(String alertId, AlertStatus to, String why) {
    // The correlator only resolves an alert or reopens a resolved one (it never overrides an analyst).
    storage.changeAlertStatus(alertId, to.name(), to == AlertStatus.RESOLVED ? AlertAction.RESOLVED : AlertAction.REOPENED,
        why, CORRELATION, clock.instant());
  }

  @Override
  public void merge(String absorbedId, String survivorId) {
    storage.changeAlertStatus(absorbedId, AlertStatus.MERGED.name(), AlertAction.MERGED,
        "its machines joined the older alert " + survivorId, CORRELATION, clock.instant());
  }

  @Override
  public Optional<AlertStatus> status(String alertId) {
    return storage.alert(alertId).map(r -> AlertStatus.valueOf(r.status()));
  }
}
