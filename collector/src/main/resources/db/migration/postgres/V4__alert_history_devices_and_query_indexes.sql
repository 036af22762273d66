-- Triage history: one row per change to an alert's status or comments, by an analyst or the collector.
CREATE TABLE alert_history (
  entry_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id    TEXT NOT NULL,
  at          BIGINT NOT NULL,
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
       COALESCE((extract(epoch FROM (c.value->>'at')::timestamptz) * 1000)::bigint, a.updated_at),
       COALESCE(c.value->>'byKeyId', 'unknown'),
       COALESCE(c.value->>'by', 'unknown'),
       'COMMENTED', NULL, NULL, c.value->>'text'
FROM alerts a CROSS JOIN LATERAL json_array_elements(a.comments_json::json) WITH ORDINALITY AS c(value, n)
ORDER BY a.alert_id, c.n;
ALTER TABLE alerts DROP COLUMN comments_json;

-- Which alerts name a device, as an index rather than a scan of every alert's JSON.
CREATE TABLE alert_devices (
  alert_id  TEXT NOT NULL,
  device_id TEXT NOT NULL,
  PRIMARY KEY (alert_id, device_id)
);
CREATE INDEX alert_devices_by_device ON alert_devices(device_id, alert_id);
INSERT INTO alert_devices(alert_id, device_id)
SELECT DISTINCT a.alert_id, d.value FROM alerts a CROSS JOIN LATERAL json_array_elements_text(a.device_ids::json) AS d(value);

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
INSERT INTO collector_secrets(name, secret)
VALUES ('alert_cursor', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
