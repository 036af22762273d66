ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT 'unnamed';
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;

CREATE TABLE audit_log (
  entry_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          BIGINT NOT NULL,
  actor_id    TEXT NOT NULL,
  actor_name  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL,
  detail      TEXT
);
