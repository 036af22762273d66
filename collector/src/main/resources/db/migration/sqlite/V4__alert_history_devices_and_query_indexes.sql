-- Triage history: one row per change to an alert's status or comments, by an analyst or the collector.
CREATE TABLE alert_history (
  entry_id    INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id    TEXT NOT NULL,
  at          INTEGER NOT NULL,
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  action      TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  comment     TEXT
);
CREATE INDEX alert_history_by_alert ON alert_history(alert_id, entry_id);

-- The comments kept so far become history entries (their status at the time was not recorded),
-- and the column goes, so the history is the one place comments live.
INSERT INTO alert_history(alert_id, at, actor_id, actor_name, action, from_status, to_status, comment)
SELECT a.alert_id,
       COALESCE(CAST(ROUND((julianday(json_extract(c.value, '$.at')) - 2440587.5) * 86400000) AS INTEGER), a.updated_at),
       COALESCE(json_extract(c.value, '$.byKeyId'), 'unknown'),
       COALESCE(json_extract(c.value, '$.by'), 'unknown'),
       'COMMENTED', NULL, NULL, json_extract(c.value, '$.text')
FROM alerts a, json_each(a.comments_json) c
ORDER BY a.alert_id, c.key;
ALTER TABLE alerts DROP COLUMN comments_json;

-- Which alerts name a device, as an index rather than a scan of every alert's JSON.
CREATE TABLE alert_devices (
  alert_id  TEXT NOT NULL,
  device_id TEXT NOT NULL,
  PRIMARY KEY (alert_id, device_id)
) WITHOUT ROWID;
CREATE INDEX alert_devices_by_device ON alert_devices(device_id, alert_id);
INSERT OR IGNORE INTO alert_devices(alert_id, device_id)
SELECT a.alert_id, d.value FROM alerts a, json_each(a.device_ids) d;

-- Severity as its order (INFO 0 .. CRITICAL 4), so "most severe first" is an index walk.
ALTER TABLE alerts ADD COLUMN severity_rank INTEGER NOT NULL DEFAULT 0;
UPDATE alerts SET severity_rank = CASE severity
  WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'HIGH' THEN 3 WHEN 'CRITICAL' THEN 4 ELSE 0 END;

-- One index per sort order, and per sort order under the filters an analyst's queue uses most.
DROP INDEX alerts_last_seen;
CREATE INDEX alerts_newest ON alerts(last_seen, alert_id);
CREATE INDEX alerts_most_severe ON alerts(severity_rank, last_seen, alert_id);
CREATE INDEX alerts_status_newest ON alerts(status, last_seen, alert_id);
CREATE INDEX alerts_status_most_severe ON alerts(status, severity_rank, last_seen, alert_id);
CREATE INDEX alerts_kind_newest ON alerts(kind, last_seen, alert_id);
CREATE INDEX alerts_updated ON alerts(updated_at);
-- Covers the counts by kind, severity and status, so counting reads no alert rows.
CREATE INDEX alerts_counted ON alerts(status, kind, severity);

-- The key that signs alert-list cursors; every collector sharing the database signs alike.
CREATE TABLE collector_secrets (
  name   TEXT PRIMARY KEY,
  secret TEXT NOT NULL
);
INSERT INTO collector_secrets(name, secret) VALUES ('alert_cursor', lower(hex(randomblob(32))));
