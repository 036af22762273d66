package io.farmwatch.collector.store;

import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.roundtrip.RoundTripDay;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

  /**
   * Stores a console session in one transaction with making room for it: sessions created before
   * {@code createdBefore} or last used before {@code usedBefore} are deleted, then the least
   * recently used until fewer than {@code max} remain.
   */
  void createConsoleSession(ConsoleSession session, Instant createdBefore, Instant usedBefore, int max);

  Optional<ConsoleSession> consoleSession(String cookieHash);

  /** Moves the session's last use to {@code at}; nothing when it is gone. */
  void touchConsoleSession(String cookieHash, Instant at);

  void deleteConsoleSession(String cookieHash);

  /** Audit entries, newest first, with IDs below {@code beforeEntryId}. */
  List<AuditEntry> auditLog(long beforeEntryId, int limit);

  /**
   * The collector's policy signing key. When there is none yet, {@code generated} is stored and
   * returned; otherwise the stored one, so every collector sharing the database signs alike.
   */
  PolicyKey policyKey(PolicyKey generated);

  /** The newest issued policy, if any was ever issued. */
  Optional<IssuedPolicy> currentPolicy();

  /**
   * Issues the next policy version and audits it as {@code policy.set}, in one transaction that
   * holds off concurrent issuers: {@code sign} is given the version one above the newest and returns
   * the signed policy to store.
   */
  IssuedPolicy issuePolicy(java.util.function.LongFunction<IssuedPolicy> sign, Actor by);

  /** Most history entries {@link #alertHistory} gives: the newest ones. */
  int HISTORY_LIMIT = 200;

  /**
   * Inserts the alert, or replaces the one with the same ID, and indexes the devices it names, in
   * one transaction.
   */
  default void saveAlert(AlertRecord alert) {
    saveAlert(alert, List.of());
  }

  /**
   * Saves the alert as {@link #saveAlert(AlertRecord)} does and appends these changes to its history,
   * in one transaction: the collector resolving, reopening or merging an alert records why as it does it.
   */
  void saveAlert(AlertRecord alert, List<AlertChange> history);

  /** Appends a change to an alert's history, e.g. one the collector made ({@code collector}, {@code correlation}). */
  void appendAlertHistory(AlertChange change);

  /** The alert's newest {@link #HISTORY_LIMIT} history entries, newest first. */
  default List<AlertHistoryEntry> alertHistory(String alertId) {
    return alertHistories(List.of(alertId)).getOrDefault(alertId, List.of());
  }

  /**
   * {@link #alertHistory} of each of these alerts in one query, for a page of alerts; alerts without
   * history are absent from the map.
   */
  Map<String, List<AlertHistoryEntry>> alertHistories(Collection<String> alertIds);

  Optional<AlertRecord> alert(String alertId);

  /**
   * An analyst's triage: sets the status (null keeps it) and adds the comment (null for none),
   * recording the change in the alert's history and in the audit log, in one transaction. A status
   * the alert already has and no comment change nothing. Empty when there is no such alert.
   */
  Optional<AlertRecord> triageAlert(String alertId, String status, String comment, Actor by, Instant at);

  /**
   * The collector's own status change (the condition ended, returned, or the alert merged), recorded
   * as {@code action} in the history and in the audit log like a triage; a comment without a status
   * change is {@code COMMENTED}. {@link #triageAlert} is this with {@code TRIAGED}.
   */
  Optional<AlertRecord> changeAlertStatus(String alertId, String status, AlertAction action, String comment, Actor by,
      Instant at);

  /** The query's page of alerts, in its order, starting just after its cursor. */
  List<AlertRecord> alerts(AlertQuery query);

  /** How many alerts the query's filters match; its sort, cursor and limit play no part. */
  AlertCounts alertCounts(AlertQuery query);

  /** Reads and writes the cursor strings of alert lists, alike on every collector sharing this database. */
  AlertCursors alertCursors();

  /** Replaces the roster with these entries. */
  void replaceRoster(List<RosterEntry> entries, Instant now);

  List<RosterEntry> roster();

  /** Name of the {@link #correlationState} value that changes with every roster import. */
  String ROSTER_VERSION = "roster_version";

  /**
   * The position up to which every accepted report is committed, on every collector sharing this
   * database; {@link #observedAfter} read up to it never skips a report still being written.
   */
  long observationFence();

  /** Devices whose latest report lies in {@code (afterSeq, upToSeq]}, in that order. */
  List<ObservedDevice> observedAfter(long afterSeq, long upToSeq, int limit);

  /** Records the device's first hardware fingerprint; false, changing nothing, when it has one. */
  boolean recordBaseline(String deviceId, String fingerprint, Instant at);

  /** The device's activity history for UTC days {@code from..to}, oldest first. */
  List<ActivityDay> activityDays(String deviceId, long fromEpochDay, long toEpochDay);

  /** Deletes activity history of days before {@code epochDay}. */
  int pruneActivityBefore(long epochDay);

  /**
   * Keeps each day's round trip as its device's minimum to its site that day, unless a lower one is
   * stored; all in one transaction.
   */
  void keepRoundTripMinima(Collection<RoundTripDay> days);

  /** Every device's daily round-trip minima from UTC day {@code fromEpochDay} on. */
  List<RoundTripDay> roundTripDays(long fromEpochDay);

  /** Deletes daily round-trip minima of days before {@code epochDay}. */
  int pruneRoundTripsBefore(long epochDay);

  /** A named value shared by every collector of this database. */
  Optional<String> correlationState(String name);

  void setCorrelationState(String name, String value, Instant now);

  /** Alerts ordered by ID, after {@code afterAlertId} (null for the first page): how the correlator reloads them. */
  List<AlertRecord> alertsAfter(String afterAlertId, int limit);

  /** A lease to correlate; not yet taken. */
  CorrelatorLease correlatorLease();
  /** The roster entries with these keys (device IDs or serial numbers); for a handful of keys. */
  List<RosterEntry> rosterEntries(Collection<String> deviceKeys);

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
