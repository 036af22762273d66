package io.farmwatch.collector.store;

import com.zaxxer.hikari.HikariDataSource;
import io.farmwatch.collector.activity.ActivityDay;
import io.farmwatch.collector.activity.DayMinutes;
import io.farmwatch.collector.roster.RosterEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The SQL both backends share. Backends differ only in how they connect and in their migration
 * folder; the statements here are plain SQL that SQLite and PostgreSQL run alike.
 */
public abstract class JdbcStorage implements Storage {

  private final HikariDataSource dataSource;
  private final ReportWriter writer;

  protected JdbcStorage(HikariDataSource dataSource, String migrationLocation) {
    this.dataSource = dataSource;
    Flyway.configure()
        .dataSource(dataSource)
        .locations(migrationLocation)
        .load()
        .migrate();
    this.writer = new ReportWriter(dataSource, this::acceptBatch, this::betweenReportBatches);
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
   * forward with a compare-and-set; only the reports that moved it are inserted. Both steps go as
   * JDBC batches, so PostgreSQL sees two round trips per batch rather than two per report. Within a
   * batch the updates run in order, so two copies of one report, or a device's reports out of order,
   * still resolve exactly as they would one at a time.
   */
  private List<AcceptOutcome> acceptBatch(Connection c, List<IncomingReport> reports) throws SQLException {
    int[] moved;
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE devices SET last_sequence = ?, last_seen = ?, last_egress = ?, hostname = ?,"
            + " agent_version = ?, summary_json = ?, observation_json = ?"
            + " WHERE device_id = ? AND revoked_at IS NULL AND last_sequence < ?")) {
      for (IncomingReport r : reports) {
        s.setLong(1, r.sequence());
        s.setLong(2, r.receivedAt().toEpochMilli());
        s.setString(3, r.egress());
        s.setString(4, r.hostname());
        s.setString(5, r.agentVersion());
        s.setString(6, r.summaryJson());
        s.setString(7, r.observationJson());
        s.setString(8, r.deviceId());
        s.setLong(9, r.sequence());
        s.addBatch();
      }
      moved = s.executeBatch();
    }
    List<AcceptOutcome> outcomes = new ArrayList<>(reports.size());
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
      }
      if (any) {
        insert.executeBatch();
      }
    }
    return outcomes;
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
    return read("listing devices", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + DEVICE_COLUMNS + " FROM devices WHERE device_id > ? ORDER BY device_id LIMIT ?")) {
        s.setString(1, afterDeviceId == null ? "" : afterDeviceId);
        s.setInt(2, limit);
        try (ResultSet rs = s.executeQuery()) {
          List<DeviceRecord> out = new ArrayList<>();
          while (rs.next()) {
            out.add(deviceRow(rs));
          }
          return out;
        }
      }
    });
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
  public List<AuditEntry> auditLog(long beforeEntryId, int limit) {
    return list("reading the audit log", "SELECT entry_id, at, actor_id, actor_name, action, target, detail"
        + " FROM audit_log WHERE entry_id < ? ORDER BY entry_id DESC LIMIT ?",
        rs -> new AuditEntry(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7)), beforeEntryId, limit);
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
          + " status, comments_json, updated_at";

  private static AlertRecord alertRow(ResultSet rs) throws SQLException {
    return new AlertRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
        rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9),
        rs.getString(10), rs.getString(11), instant(rs, 12));
  }

  @Override
  public void saveAlert(AlertRecord a) {
    inTransaction("saving an alert", c -> writeAlert(c, a));
  }

  @Override
  public void triageAlert(AlertRecord a, Actor by, String detail) {
    inTransaction("triaging an alert", c -> {
      writeAlert(c, a);
      return audit(c, a.updatedAt(), by, "alert.triage", a.alertId(), detail);
    });
  }

  private static int writeAlert(Connection c, AlertRecord a) throws SQLException {
    update(c, "DELETE FROM alerts WHERE alert_id = ?", a.alertId());
    return update(c, "INSERT INTO alerts(" + ALERT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        a.alertId(), a.kind(), a.severity(), a.score(), a.deviceIdsJson(), a.evidenceJson(),
        a.summary(), a.firstSeen().toEpochMilli(), a.lastSeen().toEpochMilli(), a.status(),
        a.commentsJson(), a.updatedAt().toEpochMilli());
  }

  @Override
  public Optional<AlertRecord> alert(String alertId) {
    return read("reading an alert", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE alert_id = ?")) {
        s.setString(1, alertId);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(alertRow(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<AlertRecord> alerts(int limit, int offset) {
    return read("listing alerts", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + ALERT_COLUMNS
          + " FROM alerts ORDER BY last_seen DESC, alert_id LIMIT ? OFFSET ?")) {
        s.setInt(1, limit);
        s.setInt(2, offset);
        try (ResultSet rs = s.executeQuery()) {
          List<AlertRecord> out = new ArrayList<>();
          while (rs.next()) {
            out.add(alertRow(rs));
          }
          return out;
        }
      }
    });
  }

  @Override
  public void replaceRoster(List<RosterEntry> entries, Instant now) {
    inTransaction("importing the roster", c -> {
      update(c, "DELETE FROM roster");
      for (RosterEntry e : entries) {
        update(c, "INSERT INTO roster(device_key, employee, claimed_country, claimed_region, claimed_timezone,"
            + " imported_at) VALUES (?,?,?,?,?,?) ON CONFLICT (device_key) DO UPDATE SET employee = excluded.employee,"
            + " claimed_country = excluded.claimed_country, claimed_region = excluded.claimed_region,"
            + " claimed_timezone = excluded.claimed_timezone, imported_at = excluded.imported_at",
            e.deviceKey(), e.employee(), e.claimedCountry(), e.claimedRegion(), e.claimedTimezone(), now.toEpochMilli());
      }
      return null;
    });
  }

  @Override
  public List<RosterEntry> roster() {
    return read("reading the roster", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT device_key, employee, claimed_country, claimed_region,"
          + " claimed_timezone FROM roster ORDER BY device_key"); ResultSet rs = s.executeQuery()) {
        List<RosterEntry> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new RosterEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
        return out;
      }
    });
  }

  @Override
  public List<ActivityDay> activityDays(String deviceId, long fromEpochDay, long toEpochDay) {
    return read("reading activity history", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT epoch_day, active, remote, injected FROM device_activity"
          + " WHERE device_id = ? AND epoch_day >= ? AND epoch_day <= ? ORDER BY epoch_day")) {
        s.setString(1, deviceId);
        s.setLong(2, fromEpochDay);
        s.setLong(3, toEpochDay);
        try (ResultSet rs = s.executeQuery()) {
          List<ActivityDay> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new ActivityDay(deviceId, rs.getLong(1), DayMinutes.fromBytes(rs.getBytes(2)),
                DayMinutes.fromBytes(rs.getBytes(3)), DayMinutes.fromBytes(rs.getBytes(4))));
          }
          return out;
        }
      }
    });
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
