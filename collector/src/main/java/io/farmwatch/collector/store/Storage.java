package io.farmwatch.collector.store;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.roster.RosterEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the collector keeps. SQLite and PostgreSQL implement it with the same semantics,
 * proved by one shared test kit ({@code StorageContract}).
 *
 * <p>Writes are atomic: a method either does all it says or nothing. Any database failure is a
 * {@link StoreException}.
 */
public interface Storage extends AutoCloseable {

  /** Stores the token and audits its creation by {@code by}, in one transaction. */
  void createToken(EnrollmentToken token, Actor by);

  List<EnrollmentToken> tokens();

  /** Revokes the token with this ID and audits it; false, with nothing changed, when there is none. */
  boolean revokeToken(String tokenId, Instant now, Actor by);

  /**
   * Consumes one use of the token with this hash and creates the device, in one transaction. The
   * token is checked first, so a caller without a good token learns nothing about the key; of
   * concurrent enrollments of one key exactly one is {@link EnrollOutcome#ENROLLED}.
   */
  EnrollOutcome enroll(String tokenHash, NewDevice device, Instant now);

  Optional<DeviceRecord> device(String deviceId);

  /** Revokes a device and audits it; false, with nothing changed, when there is no active one. */
  boolean revokeDevice(String deviceId, Instant now, Actor by);

  /**
   * Stores a verified report if, and only if, its sequence is above the device's last accepted one,
   * moving that sequence forward in the same transaction; durable when this returns.
   */
  AcceptOutcome accept(IncomingReport report);

  /** Devices ordered by ID, starting after {@code afterDeviceId} (null for the first page). */
  List<DeviceRecord> devices(String afterDeviceId, int limit);

  List<StoredReport> recentReports(String deviceId, int limit);

  long reportCount();

  /** Deletes raw reports received before the cutoff; device summaries and alerts stay. */
  int pruneReportsReceivedBefore(Instant cutoff);

  /** Stores the key's hash and audits its creation by {@code by}, in one transaction. */
  void createApiKey(ApiKey key, String keyHash, Actor by);

  /** The key with this hash if it is neither revoked nor expired at {@code now}. */
  Optional<ApiKey> activeApiKey(String keyHash, Instant now);

  List<ApiKey> apiKeys();

  /** Revokes the key with this ID and audits it; false, with nothing changed, when there is none. */
  boolean revokeApiKey(String keyId, Instant now, Actor by);

  /** Audit entries, newest first, with IDs below {@code beforeEntryId}. */
  List<AuditEntry> auditLog(long beforeEntryId, int limit);

  /** Inserts the alert, or replaces the one with the same ID. */
  void saveAlert(AlertRecord alert);

  Optional<AlertRecord> alert(String alertId);

  /** Saves an analyst's change to an alert and audits it, in one transaction. */
  void triageAlert(AlertRecord updated, Actor by, String detail);

  /** A page of alerts, most recently seen first: {@code limit} of them after skipping {@code offset}. */
  List<AlertRecord> alerts(int limit, int offset);

  /** Replaces the roster with these entries. */
  void replaceRoster(List<RosterEntry> entries, Instant now);

  List<RosterEntry> roster();

  /** The device's activity history for UTC days {@code from..to}, oldest first. */
  List<ActivityDay> activityDays(String deviceId, long fromEpochDay, long toEpochDay);

  /**
   * Tells the listener about every committed batch of reports, on the writer's thread; it must
   * not block. For the metrics endpoint: how long commits take and how many reports share one.
   */
  void onReportBatchCommitted(BatchListener listener);

  /** The report writer's work: every committed batch, and the housekeeping between batches. */
  @FunctionalInterface
  interface BatchListener {
    /** A committed batch: how many reports, and how long writing and committing them took. */
    void committed(int reports, long nanos);

    /**
     * The backend's housekeeping after a batch (SQLite: its share of checkpointing the log), which
     * every report queued behind it waits for.
     */
    default void housekept(long nanos) {}
  }

  @Override
  void close();
}
