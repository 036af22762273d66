ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT 'unnamed';
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;

CREATE TABLE audit_log (
  entry_id    INTEGER PRIMARY KEY AUTOINCREMENT,
  at          INTEGER NOT NULL,
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  detail      TEXT
);
