package io.farmwatch.collector.store;

import com.zaxxer.hikari.HikariDataSource;
import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.roster.RosterEntry;
import io.farmwatch.collector.roundtrip.CollectorSite;
import io.farmwatch.collector.roundtrip.GeoPoint;
import io.farmwatch.collector.roundtrip.RoundTripDay;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The SQL both backends share. Backends differ only in how they connect and in their migration
 * folder; the statements here are plain SQL that SQLite and PostgreSQL run alike.
 */
public abstract class JdbcStorage implements Storage {

  private final HikariDataSource dataSource;
  private final ReportWriter writer;
  private final AlertCursors cursors;

  protected JdbcStorage(HikariDataSource dataSource, String migrationLocation) {
    this.dataSource = dataSource;
    Flyway.configure()
        .dataSource(dataSource)
        .locations(migrationLocation)
        .load()
        .migrate();
    this.writer = new ReportWriter(dataSource, this::acceptBatch, this::betweenReportBatches);
    this.cursors = new AlertCursors(read("reading the cursor key", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT secret FROM collector_secrets WHERE name = 'alert_cursor'");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1).getBytes(StandardCharsets.UTF_8);
      }
    }));
  }

  /**
   * Runs on the report writer's thread and connection after each committed batch, outside any
   * transaction; a backend's chance to do maintenance that must not overlap a write.
   */
  protected void betweenReportBatches(Connection c) throws SQLException {
  }

  protected final DataSource dataSource() {
    return dataSource;
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(String what, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  private <T> T read(String what, SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(what + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void createToken(EnrollmentToken t, Actor by) {
    inTransaction("creating a token", c -> {
      audit(c, t.createdAt(), by, "token.create", t.tokenId(), "uses=" + t.usesLeft());
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO enrollment_tokens(token_id, token_hash, created_at, expires_at, uses_left, revoked_at)"
              + " VALUES (?,?,?,?,?,?)")) {
        s.setString(1, t.tokenId());
        s.setString(2, t.tokenHash());
        s.setLong(3, t.createdAt().toEpochMilli());
        setInstant(s, 4, t.expiresAt());
        s.setInt(5, t.usesLeft());
        setInstant(s, 6, t.revokedAt());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public List<EnrollmentToken> tokens() {
    return list("listing tokens", "SELECT token_id, token_hash, created_at, expires_at, uses_left, revoked_at"
        + " FROM enrollment_tokens ORDER BY created_at, token_id",
        rs -> new EnrollmentToken(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4), rs.getInt(5),
            instant(rs, 6)));
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Every row the query selects; for the small administrative tables and pages. */
  private <T> List<T> list(String what, String sql, RowReader<T> row, Object... args) {
    return read(what, c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          s.setObject(i + 1, args[i]);
        }
        try (ResultSet rs = s.executeQuery()) {
          List<T> out = new ArrayList<>();
          while (rs.next()) {
            out.add(row.read(rs));
          }
          return out;
        }
      }
    });
  }

  @Override
  public boolean revokeToken(String tokenId, Instant now, Actor by) {
    return revoke("enrollment_tokens", "token_id", "token.revoke", tokenId, now, by);
  }

  /**
   * Sets {@code revoked_at} on the row unless already set, and audits it in the same transaction.
   * {@code table} and {@code idColumn} are always this class's constants, never input.
   */
  private boolean revoke(String table, String idColumn, String action, String id, Instant now, Actor by) {
    return inTransaction(action, c -> update(c,
        "UPDATE " + table + " SET revoked_at = ? WHERE " + idColumn + " = ? AND revoked_at IS NULL",
        now.toEpochMilli(), id) == 1 && audit(c, now, by, action, id, null));
  }

  @Override
  public EnrollOutcome enroll(String tokenHash, NewDevice d, Instant now) {
    return inTransaction("enrolling a device", c -> {
      String tokenId;
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE enrollment_tokens SET uses_left = uses_left - 1 WHERE token_hash = ?"
              + " AND uses_left > 0 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)"
              + " RETURNING token_id")) {
        s.setString(1, tokenHash);
        s.setLong(2, now.toEpochMilli());
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return EnrollOutcome.INVALID_TOKEN;
          }
          tokenId = rs.getString(1);
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO devices(device_id, public_key_pem, key_id, fingerprint, hostname, agent_version,"
              + " enrolled_at, token_id) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (key_id) DO NOTHING")) {
        s.setString(1, d.deviceId());
        s.setString(2, d.publicKeyPem());
        s.setString(3, d.keyId());
        s.setString(4, d.fingerprint());
        s.setString(5, d.hostname());
        s.setString(6, d.agentVersion());
        s.setLong(7, d.enrolledAt().toEpochMilli());
        s.setString(8, tokenId);
        // A concurrent enrollment of the key waits on the unique index and then inserts nothing,
        // instead of failing with a constraint violation; the token's use is given back.
        if (s.executeUpdate() == 0) {
          c.rollback();
          return EnrollOutcome.KEY_ALREADY_ENROLLED;
        }
      }
      return EnrollOutcome.ENROLLED;
    });
  }

  private static final String DEVICE_COLUMNS =
      "device_id, public_key_pem, key_id, fingerprint, hostname, agent_version, enrolled_at,"
          + " revoked_at, last_sequence, last_seen, last_egress, summary_json, observation_json";

  private static DeviceRecord deviceRow(ResultSet rs) throws SQLException {
    return new DeviceRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), instant(rs, 7), instant(rs, 8), rs.getLong(9),
        instant(rs, 10), rs.getString(11), rs.getString(12), rs.getString(13));
  }

  @Override
  public Optional<DeviceRecord> device(String deviceId) {
    return read("reading a device", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE device_id = ?")) {
        s.setString(1, deviceId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(deviceRow(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean revokeDevice(String deviceId, Instant now, Actor by) {
    return revoke("devices", "device_id", "device.revoke", deviceId, now, by);
  }

  @Override
  public void onReportBatchCommitted(BatchListener listener) {
    writer.onBatchCommitted(listener);
  }

  @Override
  public AcceptOutcome accept(IncomingReport report) {
    // Packed here, on the request's thread, so the single writer thread only writes.
    return writer.submit(report.withPayload(StoredPayload.pack(report.payload())));
  }

  /**
   * Runs inside the writer's batch transaction. Each report first moves its device's sequence
   * forward with a compare-and-set, which also keeps the report's fingerprint as the device's
   * hardware baseline if it has none: recorded here, in the batch, rather than by the correlator in
   * a transaction of its own per device, each of which held the writer up for the database's write
   * lock and a sync of its own. Only the reports that moved the sequence are inserted. Both steps go as
   * JDBC batches, so PostgreSQL sees two round trips per batch rather than two per report. Within a
   * batch the updates run in order, so two copies of one report, or a device's reports out of order,
   * still resolve exactly as they would one at a time.
   */
  private List<AcceptOutcome> acceptBatch(Connection c, List<IncomingReport> reports) throws SQLException {
    enterWriterFence(c);
    int[] moved;
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE devices SET last_sequence = ?, last_seen = ?, last_egress = ?, hostname = ?,"
            + " agent_version = ?, summary_json = ?, observation_json = ?, observed_seq = " + nextObservedSeq() + ","
            + " baseline_at = CASE WHEN baseline_fingerprint IS NULL THEN ? ELSE baseline_at END,"
            + " baseline_fingerprint = COALESCE(baseline_fingerprint, ?)"
            + " WHERE device_id = ? AND revoked_at IS NULL AND last_sequence < ?")) {
      for (IncomingReport r : reports) {
        s.setLong(1, r.sequence());
        s.setLong(2, r.receivedAt().toEpochMilli());
        s.setString(3, r.egress());
        s.setString(4, r.hostname());
        s.setString(5, r.agentVersion());
        s.setString(6, r.summaryJson());
        s.setString(7, r.observationJson());
        setInstant(s, 8, r.fingerprint() == null ? null : r.receivedAt());
        s.setString(9, r.fingerprint());
        s.setString(10, r.deviceId());
        s.setLong(11, r.sequence());
        s.addBatch();
      }
      moved = s.executeBatch();
    }
    List<AcceptOutcome> outcomes = new ArrayList<>(reports.size());
    List<ActivityDay> activity = new ArrayList<>();
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO reports(device_id, sequence, received_at, collected_at, egress, payload)"
            + " VALUES (?,?,?,?,?,?)")) {
      boolean any = false;
      for (int i = 0; i < reports.size(); i++) {
        IncomingReport r = reports.get(i);
        if (moved[i] < 0) {
          // The compare-and-set is the replay guard; a driver that cannot count must not pass.
          throw new SQLException("the driver gave no update count for a device's sequence update");
        }
        if (moved[i] == 0) {
          outcomes.add(whyNotMoved(c, r.deviceId()));
          continue;
        }
        insert.setString(1, r.deviceId());
        insert.setLong(2, r.sequence());
        insert.setLong(3, r.receivedAt().toEpochMilli());
        insert.setLong(4, r.collectedAt().toEpochMilli());
        insert.setString(5, r.egress());
        insert.setBytes(6, r.payload());
        insert.addBatch();
        any = true;
        outcomes.add(AcceptOutcome.STORED);
        activity.addAll(r.activity());
      }
      if (any) {
        insert.executeBatch();
      }
    }
    ActivityRows.merge(c, activity);
    return outcomes;
  }

  /**
   * SQL for the next position in the fleet-wide order of accepted reports, evaluated in the
   * report's own UPDATE so the position is taken inside the writer's transaction.
   */
  protected String nextObservedSeq() {
    // One writer per SQLite database: positions are taken, and committed, in order.
    return "(SELECT COALESCE(MAX(observed_seq), 0) + 1 FROM devices)";
  }

  /** Called at the start of every report batch; see {@link #observationFence}. */
  protected void enterWriterFence(Connection c) throws SQLException {
  }

  /**
   * The highest position below which every report is committed: a correlator that reads up to it
   * never skips a report whose transaction was still open. One writer makes that simply the largest.
   */
  protected long observationFence(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(observed_seq), 0) FROM devices");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static AcceptOutcome whyNotMoved(Connection c, String deviceId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT 1 FROM devices WHERE device_id = ? AND revoked_at IS NULL")) {
      s.setString(1, deviceId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? AcceptOutcome.REPLAYED : AcceptOutcome.DEVICE_UNAVAILABLE;
      }
    }
  }

  @Override
  public List<DeviceRecord> devices(String afterDeviceId, int limit) {
    return list("listing devices", "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE device_id > ? ORDER BY device_id"
        + " LIMIT ?", JdbcStorage::deviceRow, afterDeviceId == null ? "" : afterDeviceId, limit);
  }

  @Override
  public List<StoredReport> recentReports(String deviceId, int limit) {
    return read("reading reports", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT device_id, sequence, received_at, collected_at, egress, payload FROM reports"
              + " WHERE device_id = ? ORDER BY sequence DESC LIMIT ?")) {
        s.setString(1, deviceId);
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          List<StoredReport> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new StoredReport(rs.getString(1), rs.getLong(2), instant(rs, 3), instant(rs, 4),
                rs.getString(5), StoredPayload.unpack(rs.getBytes(6))));
          }
          return out;
        }
      }
    });
  }

  @Override
  public long reportCount() {
    return read("counting reports", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM reports");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public int pruneReportsReceivedBefore(Instant cutoff) {
    return inTransaction("pruning reports", c ->
        update(c, "DELETE FROM reports WHERE received_at < ?", cutoff.toEpochMilli()));
  }

  @Override
  public void createApiKey(ApiKey k, String keyHash, Actor by) {
    inTransaction("creating an API key", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO api_keys(key_id, key_hash, role, created_at, name, expires_at) VALUES (?,?,?,?,?,?)")) {
        s.setString(1, k.keyId());
        s.setString(2, keyHash);
        s.setString(3, k.role().name());
        s.setLong(4, k.createdAt().toEpochMilli());
        s.setString(5, k.name());
        setInstant(s, 6, k.expiresAt());
        s.executeUpdate();
      }
      return audit(c, k.createdAt(), by, "apikey.create", k.keyId(),
          "role=" + k.role().name().toLowerCase() + " name=" + k.name());
    });
  }

  private static final String API_KEY_COLUMNS = "key_id, name, role, created_at, expires_at, revoked_at";

  private static ApiKey apiKeyRow(ResultSet rs) throws SQLException {
    return new ApiKey(rs.getString(1), rs.getString(2), ApiRole.valueOf(rs.getString(3)), instant(rs, 4),
        instant(rs, 5), instant(rs, 6));
  }

  @Override
  public Optional<ApiKey> activeApiKey(String keyHash, Instant now) {
    return read("checking an API key", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + API_KEY_COLUMNS + " FROM api_keys"
          + " WHERE key_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)")) {
        s.setString(1, keyHash);
        s.setLong(2, now.toEpochMilli());
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(apiKeyRow(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<ApiKey> apiKeys() {
    return list("listing API keys", "SELECT " + API_KEY_COLUMNS + " FROM api_keys ORDER BY created_at, key_id",
        JdbcStorage::apiKeyRow);
  }

  @Override
  public boolean revokeApiKey(String keyId, Instant now, Actor by) {
    return revoke("api_keys", "key_id", "apikey.revoke", keyId, now, by);
  }

  @Override
  public void createConsoleSession(ConsoleSession session, Instant createdBefore, Instant usedBefore, int max) {
    inTransaction("storing a console session", c -> {
      update(c, "DELETE FROM console_sessions WHERE created_at < ? OR last_used < ?", createdBefore.toEpochMilli(),
          usedBefore.toEpochMilli());
      int count;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM console_sessions");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        count = rs.getInt(1);
      }
      if (count >= max) {
        update(c, "DELETE FROM console_sessions WHERE cookie_hash IN"
            + " (SELECT cookie_hash FROM console_sessions ORDER BY last_used, cookie_hash LIMIT ?)", count - max + 1);
      }
      return update(c, "INSERT INTO console_sessions(cookie_hash, key_hash, csrf_token, created_at, last_used)"
          + " VALUES (?,?,?,?,?)", session.cookieHash(), session.keyHash(), session.csrfToken(),
          session.createdAt().toEpochMilli(), session.lastUsed().toEpochMilli());
    });
  }

  @Override
  public Optional<ConsoleSession> consoleSession(String cookieHash) {
    return list("reading a console session", "SELECT cookie_hash, key_hash, csrf_token, created_at, last_used"
        + " FROM console_sessions WHERE cookie_hash = ?",
        rs -> new ConsoleSession(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)),
        cookieHash).stream().findFirst();
  }

  @Override
  public void touchConsoleSession(String cookieHash, Instant at) {
    inTransaction("marking a console session used", c ->
        update(c, "UPDATE console_sessions SET last_used = ? WHERE cookie_hash = ?", at.toEpochMilli(), cookieHash));
  }

  @Override
  public void deleteConsoleSession(String cookieHash) {
    inTransaction("deleting a console session", c ->
        update(c, "DELETE FROM console_sessions WHERE cookie_hash = ?", cookieHash));
  }

  @Override
  public List<AuditEntry> auditLog(long beforeEntryId, int limit) {
    return list("reading the audit log", "SELECT entry_id, at, actor_id, actor_name, action, target, detail"
        + " FROM audit_log WHERE entry_id < ? ORDER BY entry_id DESC LIMIT ?",
        rs -> new AuditEntry(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7)), beforeEntryId, limit);
  }

  @Override
  public PolicyKey policyKey(PolicyKey generated) {
    return inTransaction("reading the policy key", c -> {
      // Several collectors may start at once on one database: the first insert wins, all read it.
      update(c, "INSERT INTO policy_key(id, private_key, public_key, created_at) VALUES (1,?,?,?)"
          + " ON CONFLICT (id) DO NOTHING", generated.privateKey(), generated.publicKeyPem(),
          generated.createdAt().toEpochMilli());
      try (PreparedStatement s = c.prepareStatement(
          "SELECT private_key, public_key, created_at FROM policy_key WHERE id = 1");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        return new PolicyKey(rs.getBytes(1), rs.getString(2), instant(rs, 3));
      }
    });
  }

  @Override
  public Optional<IssuedPolicy> currentPolicy() {
    return list("reading the policy", "SELECT version, signed, issued_at FROM policies ORDER BY version DESC LIMIT 1",
        rs -> new IssuedPolicy(rs.getLong(1), rs.getString(2), instant(rs, 3))).stream().findFirst();
  }

  @Override
  public IssuedPolicy issuePolicy(java.util.function.LongFunction<IssuedPolicy> sign, Actor by) {
    return inTransaction("issuing a policy", c -> {
      // Writing the key's row first serializes issuers: PostgreSQL locks the row, SQLite the file.
      if (update(c, "UPDATE policy_key SET id = 1 WHERE id = 1") != 1) {
        throw new SQLException("no policy key to sign with");
      }
      long next;
      try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM policies");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        next = rs.getLong(1) + 1;
      }
      IssuedPolicy issued = sign.apply(next);
      update(c, "INSERT INTO policies(version, signed, issued_at, actor_id) VALUES (?,?,?,?)",
          issued.version(), issued.signed(), issued.issuedAt().toEpochMilli(), by.id());
      audit(c, issued.issuedAt(), by, "policy.set", "v" + issued.version(), null);
      return issued;
    });
  }

  /** Writes an audit entry in the caller's transaction; true, so it can end a condition. */
  private static boolean audit(Connection c, Instant at, Actor by, String action, String target,
      String detail) throws SQLException {
    update(c, "INSERT INTO audit_log(at, actor_id, actor_name, action, target, detail) VALUES (?,?,?,?,?,?)",
        at.toEpochMilli(), by.id(), by.name(), action, target, detail);
    return true;
  }

  private static final String ALERT_COLUMNS =
      "alert_id, kind, severity, score, device_ids, evidence_json, summary, first_seen, last_seen,"
          + " status, updated_at";

  private static AlertRecord alertRow(ResultSet rs) throws SQLException {
    return new AlertRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9),
        rs.getString(10), instant(rs, 11));
  }

  @Override
  public void saveAlert(AlertRecord a, List<AlertChange> history) {
    // Parsed before the transaction: an alert whose device list is not one is refused whole.
    List<String> deviceIds = deviceIds(a);
    inTransaction("saving an alert", c -> {
      writeAlert(c, a, deviceIds);
      for (AlertChange change : history) {
        appendHistory(c, change);
      }
      return null;
    });
  }

  @Override
  public void appendAlertHistory(AlertChange change) {
    inTransaction("recording an alert change", c -> appendHistory(c, change));
  }

  private static int appendHistory(Connection c, AlertChange h) throws SQLException {
    return update(c, "INSERT INTO alert_history(alert_id, at, actor_id, actor_name, action, from_status, to_status,"
        + " comment) VALUES (?,?,?,?,?,?,?,?)", h.alertId(), h.at().toEpochMilli(), h.by().id(), h.by().name(),
        h.action().name(), h.fromStatus(), h.toStatus(), h.comment());
  }

  @Override
  public Map<String, List<AlertHistoryEntry>> alertHistories(Collection<String> alertIds) {
    Map<String, List<AlertHistoryEntry>> out = new TreeMap<>();
    if (alertIds.isEmpty()) {
      return out;
    }
    Object[] args = new Object[alertIds.size() + 1];
    alertIds.toArray(args);
    args[alertIds.size()] = HISTORY_LIMIT;
    List<AlertHistoryEntry> entries = list("reading alerts' history", "SELECT entry_id, alert_id, at, actor_id,"
        + " actor_name, action, from_status, to_status, comment FROM (SELECT h.*, ROW_NUMBER() OVER"
        + " (PARTITION BY alert_id ORDER BY entry_id DESC) AS newness FROM alert_history h WHERE alert_id IN ("
        + "?,".repeat(alertIds.size() - 1) + "?)) ranked WHERE newness <= ? ORDER BY alert_id, entry_id DESC",
        rs -> new AlertHistoryEntry(rs.getLong(1), new AlertChange(rs.getString(2), instant(rs, 3),
            new Actor(rs.getString(4), rs.getString(5)), AlertAction.valueOf(rs.getString(6)), rs.getString(7),
            rs.getString(8), rs.getString(9))), args);
    for (AlertHistoryEntry e : entries) {
      out.computeIfAbsent(e.change().alertId(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  @Override
  public Optional<AlertRecord> triageAlert(String alertId, String status, String comment, Actor by, Instant at) {
    return changeAlertStatus(alertId, status, AlertAction.TRIAGED, comment, by, at);
  }

  @Override
  public Optional<AlertRecord> changeAlertStatus(String alertId, String status, AlertAction action,
      String comment, Actor by, Instant at) {
    return inTransaction("changing an alert", c -> {
      // Touching the row first takes its write lock, so the status read next is the one replaced.
      if (update(c, "UPDATE alerts SET updated_at = updated_at WHERE alert_id = ?", alertId) == 0) {
        return Optional.empty();
      }
      String before = alertIn(c, alertId).orElseThrow().status();
      boolean changesStatus = status != null && !status.equals(before);
      if (changesStatus || comment != null) {
        update(c, "UPDATE alerts SET status = ?, updated_at = ? WHERE alert_id = ?",
            changesStatus ? status : before, at.toEpochMilli(), alertId);
        String after = changesStatus ? status : before;
        appendHistory(c, new AlertChange(alertId, at, by, changesStatus ? action : AlertAction.COMMENTED,
            before, after, comment));
        audit(c, at, by, "alert.triage", alertId,
            (changesStatus ? "status=" + status : "") + (changesStatus && comment != null ? " and " : "")
                + (comment != null ? "comment" : ""));
      }
      return alertIn(c, alertId);
    });
  }

  private static List<String> deviceIds(AlertRecord a) {
    try {
      return List.of(ProtocolJson.mapper().readValue(a.deviceIdsJson(), String[].class));
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("alert " + a.alertId() + ": device IDs are not a JSON array of strings", e);
    }
  }

  private static void writeAlert(Connection c, AlertRecord a, List<String> deviceIds) throws SQLException {
    update(c, "INSERT INTO alerts(" + ALERT_COLUMNS + ", severity_rank) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        + " ON CONFLICT (alert_id) DO UPDATE SET kind = excluded.kind, severity = excluded.severity,"
        + " score = excluded.score, device_ids = excluded.device_ids, evidence_json = excluded.evidence_json,"
        + " summary = excluded.summary, first_seen = excluded.first_seen, last_seen = excluded.last_seen,"
        + " status = excluded.status, updated_at = excluded.updated_at, severity_rank = excluded.severity_rank",
        a.alertId(), a.kind(), a.severity(), a.score(), a.deviceIdsJson(), a.evidenceJson(),
        a.summary(), a.firstSeen().toEpochMilli(), a.lastSeen().toEpochMilli(), a.status(),
        a.updatedAt().toEpochMilli(), a.severityRank());
    update(c, "DELETE FROM alert_devices WHERE alert_id = ?", a.alertId());
    try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_devices(alert_id, device_id) VALUES (?,?)")) {
      for (String deviceId : new LinkedHashSet<>(deviceIds)) {
        s.setString(1, a.alertId());
        s.setString(2, deviceId);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  @Override
  public Optional<AlertRecord> alert(String alertId) {
    return read("reading an alert", c -> alertIn(c, alertId));
  }

  private static Optional<AlertRecord> alertIn(Connection c, String alertId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE alert_id = ?")) {
      s.setString(1, alertId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(alertRow(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<AlertRecord> alerts(AlertQuery q) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM alerts").append(alertFilter(q, args));
    // Keyset paging: the cursor is a position in the order, so a page costs the same wherever it is.
    String key = q.sort() == AlertSort.SEVERITY ? "severity_rank, last_seen, alert_id" : "last_seen, alert_id";
    if (q.cursor() != null) {
      AlertCursor at = q.cursor();
      sql.append(" AND (").append(key).append(") < (").append(q.sort() == AlertSort.SEVERITY ? "?,?,?" : "?,?")
          .append(")");
      if (q.sort() == AlertSort.SEVERITY) {
        args.add(at.severityRank());
      }
      args.add(at.lastSeenMillis());
      args.add(at.alertId());
    }
    sql.append(" ORDER BY ").append(key.replace(",", " DESC,")).append(" DESC LIMIT ?");
    args.add(q.limit());
    return list("listing alerts", sql.toString(), JdbcStorage::alertRow, args.toArray());
  }

  @Override
  public AlertCounts alertCounts(AlertQuery q) {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT kind, severity, status, COUNT(*) FROM alerts" + alertFilter(q, args)
        + " GROUP BY kind, severity, status";
    Map<String, Long> byKind = new TreeMap<>();
    Map<String, Long> bySeverity = new TreeMap<>();
    Map<String, Long> byStatus = new TreeMap<>();
    long total = 0;
    for (Object[] row : list("counting alerts", sql,
        rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)}, args.toArray())) {
      long n = (Long) row[3];
      byKind.merge((String) row[0], n, Long::sum);
      bySeverity.merge((String) row[1], n, Long::sum);
      byStatus.merge((String) row[2], n, Long::sum);
      total += n;
    }
    return new AlertCounts(total, byKind, bySeverity, byStatus);
  }

  /** The query's filters as a WHERE clause, their values added to {@code args}. */
  private static String alertFilter(AlertQuery q, List<Object> args) {
    StringBuilder w = new StringBuilder(" WHERE 1 = 1");
    anyOf(w, args, "status", q.statuses());
    anyOf(w, args, "kind", q.kinds());
    anyOf(w, args, "severity_rank", q.severities().stream().map(Enum::ordinal).toList());
    if (q.deviceId() != null) {
      w.append(" AND alert_id IN (SELECT alert_id FROM alert_devices WHERE device_id = ?)");
      args.add(q.deviceId());
    }
    if (q.updatedSince() != null) {
      w.append(" AND updated_at >= ?");
      args.add(q.updatedSince().toEpochMilli());
    }
    if (q.lastSeenFrom() != null) {
      w.append(" AND last_seen >= ?");
      args.add(q.lastSeenFrom().toEpochMilli());
    }
    if (q.lastSeenTo() != null) {
      w.append(" AND last_seen < ?");
      args.add(q.lastSeenTo().toEpochMilli());
    }
    return w.toString();
  }

  /** {@code column} is always this class's constant, never input. */
  private static void anyOf(StringBuilder w, List<Object> args, String column, Collection<?> values) {
    if (!values.isEmpty()) {
      w.append(" AND ").append(column).append(" IN (").append("?,".repeat(values.size() - 1)).append("?)");
      args.addAll(values);
    }
  }

  @Override
  public AlertCursors alertCursors() {
    return cursors;
  }

  @Override
  public void replaceRoster(List<RosterEntry> entries, Instant now) {
    inTransaction("importing the roster", c -> {
      update(c, "DELETE FROM roster");
      for (RosterEntry e : entries) {
        update(c, "INSERT INTO roster(device_key, employee, claimed_country, claimed_region, claimed_timezone,"
            + " claimed_city, imported_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (device_key) DO UPDATE SET"
            + " employee = excluded.employee, claimed_country = excluded.claimed_country,"
            + " claimed_region = excluded.claimed_region, claimed_timezone = excluded.claimed_timezone,"
            + " claimed_city = excluded.claimed_city, imported_at = excluded.imported_at",
            e.deviceKey(), e.employee(), e.claimedCountry(), e.claimedRegion(), e.claimedTimezone(), e.claimedCity(),
            now.toEpochMilli());
      }
      // Every collector's correlator polls this to pick the new roster up without a restart.
      writeState(c, ROSTER_VERSION, UUID.randomUUID().toString(), now);
      return null;
    });
  }

  private static RosterEntry rosterRow(ResultSet rs) throws SQLException {
    return new RosterEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6));
  }

  @Override
  public List<RosterEntry> roster() {
    return read("reading the roster", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT device_key, employee, claimed_country, claimed_region,"
          + " claimed_timezone, claimed_city FROM roster ORDER BY device_key"); ResultSet rs = s.executeQuery()) {
        List<RosterEntry> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rosterRow(rs));
        }
        return out;
      }
    });
  }

  @Override
  public long observationFence() {
    return read("reading the observation fence", this::observationFence);
  }

  @Override
  public List<ObservedDevice> observedAfter(long afterSeq, long upToSeq, int limit) {
    return list("reading observations", "SELECT device_id, observed_seq, observation_json, baseline_fingerprint,"
        + " revoked_at FROM devices WHERE observed_seq > ? AND observed_seq <= ? ORDER BY observed_seq LIMIT ?",
        rs -> new ObservedDevice(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            instant(rs, 5) != null), afterSeq, upToSeq, limit);
  }

  @Override
  public boolean recordBaseline(String deviceId, String fingerprint, Instant at) {
    return inTransaction("recording a hardware baseline", c -> update(c,
        "UPDATE devices SET baseline_fingerprint = ?, baseline_at = ? WHERE device_id = ? AND baseline_fingerprint IS NULL",
        fingerprint, at.toEpochMilli(), deviceId) == 1);
  }

  @Override
  public List<ActivityDay> activityDays(String deviceId, long fromEpochDay, long toEpochDay) {
    return read("reading activity history", c -> ActivityRows.read(c, deviceId, fromEpochDay, toEpochDay));
  }

  @Override
  public int pruneActivityBefore(long epochDay) {
    return inTransaction("pruning activity history",
        c -> update(c, "DELETE FROM device_activity WHERE epoch_day < ?", epochDay));
  }

  @Override
  public void keepRoundTripMinima(Collection<RoundTripDay> days) {
    if (days.isEmpty()) {
      return;
    }
    inTransaction("keeping round-trip minima", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO device_round_trips(device_id, site, site_lat,"
          + " site_lon, epoch_day, min_micros) VALUES (?,?,?,?,?,?) ON CONFLICT (device_id, site, epoch_day)"
          + " DO UPDATE SET min_micros = CASE WHEN excluded.min_micros < device_round_trips.min_micros"
          + " THEN excluded.min_micros ELSE device_round_trips.min_micros END, site_lat = excluded.site_lat,"
          + " site_lon = excluded.site_lon")) {
        for (RoundTripDay day : days) {
          s.setString(1, day.deviceId());
          s.setString(2, day.site().name());
          s.setDouble(3, day.site().at().lat());
          s.setDouble(4, day.site().at().lon());
          s.setLong(5, day.epochDay());
          s.setLong(6, day.minMicros());
          s.addBatch();
        }
        return s.executeBatch().length;
      }
    });
  }

  @Override
  public List<RoundTripDay> roundTripDays(long fromEpochDay) {
    return list("reading round-trip minima", "SELECT device_id, site, site_lat, site_lon, epoch_day, min_micros"
        + " FROM device_round_trips WHERE epoch_day >= ? ORDER BY device_id, site, epoch_day",
        rs -> new RoundTripDay(rs.getString(1), new CollectorSite(rs.getString(2),
            new GeoPoint(rs.getDouble(3), rs.getDouble(4))), rs.getLong(5), rs.getLong(6)), fromEpochDay);
  }

  @Override
  public int pruneRoundTripsBefore(long epochDay) {
    return inTransaction("pruning round-trip minima",
        c -> update(c, "DELETE FROM device_round_trips WHERE epoch_day < ?", epochDay));
  }

  @Override
  public Optional<String> correlationState(String name) {
    return read("reading correlation state", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT value FROM correlation_state WHERE name = ?")) {
        s.setString(1, name);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void setCorrelationState(String name, String value, Instant now) {
    inTransaction("saving correlation state", c -> writeState(c, name, value, now));
  }

  private static int writeState(Connection c, String name, String value, Instant now) throws SQLException {
    return update(c, "INSERT INTO correlation_state(name, value, updated_at) VALUES (?,?,?) ON CONFLICT (name)"
        + " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at", name, value, now.toEpochMilli());
  }

  @Override
  public List<AlertRecord> alertsAfter(String afterAlertId, int limit) {
    return list("listing alerts by id", "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE alert_id > ? ORDER BY alert_id"
        + " LIMIT ?", JdbcStorage::alertRow, afterAlertId == null ? "" : afterAlertId, limit);
  }

  @Override
  public CorrelatorLease correlatorLease() {
    return new CorrelatorLease() {
      private volatile boolean open = true;

      @Override
      public boolean tryAcquire() {
        return open;
      }

      @Override
      public boolean held() {
        return open;
      }

      @Override
      public void close() {
        open = false;
      }
    };
  }

  @Override
  public List<RosterEntry> rosterEntries(Collection<String> deviceKeys) {
    if (deviceKeys.isEmpty()) {
      return List.of();
    }
    return list("reading roster entries", "SELECT device_key, employee, claimed_country, claimed_region,"
        + " claimed_timezone, claimed_city FROM roster WHERE device_key IN (" + "?,".repeat(deviceKeys.size() - 1) + "?)"
        + " ORDER BY device_key", JdbcStorage::rosterRow, deviceKeys.toArray());
  }

  @Override
  public void close() {
    writer.close();
    dataSource.close();
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s.executeUpdate();
    }
  }

  private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
    if (value == null) {
      s.setNull(index, Types.BIGINT);
    } else {
      s.setLong(index, value.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    long millis = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
