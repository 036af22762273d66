CREATE TABLE enrollment_tokens (
  token_id     TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER,
  uses_left    INTEGER NOT NULL,
  revoked_at   INTEGER
);

CREATE TABLE devices (
  device_id      TEXT PRIMARY KEY,
  public_key_pem TEXT NOT NULL,
  key_id         TEXT NOT NULL UNIQUE,
  fingerprint    TEXT,
  hostname       TEXT,
  agent_version  TEXT,
  enrolled_at    INTEGER NOT NULL,
  token_id       TEXT NOT NULL,
  revoked_at     INTEGER,
  last_sequence  INTEGER NOT NULL DEFAULT -1,
  last_seen      INTEGER,
  last_egress    TEXT,
  summary_json   TEXT,
  observation_json TEXT
);

CREATE TABLE reports (
  device_id     TEXT NOT NULL REFERENCES devices(device_id),
  sequence      INTEGER NOT NULL,
  received_at   INTEGER NOT NULL,
  collected_at  INTEGER NOT NULL,
  egress        TEXT,
  payload       BLOB NOT NULL,
  PRIMARY KEY (device_id, sequence)
);
CREATE INDEX reports_received_at ON reports(received_at);

CREATE TABLE api_keys (
  key_id      TEXT PRIMARY KEY,
  key_hash    TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

CREATE TABLE alerts (
  alert_id      TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  severity      TEXT NOT NULL,
  score         REAL NOT NULL,
  device_ids    TEXT NOT NULL,
  evidence_json TEXT NOT NULL,
  summary       TEXT NOT NULL,
  first_seen    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  status        TEXT NOT NULL,
  comments_json TEXT NOT NULL DEFAULT '[]',
  updated_at    INTEGER NOT NULL
);
CREATE INDEX alerts_last_seen ON alerts(last_seen);

CREATE TABLE roster (
  device_key        TEXT PRIMARY KEY,
  employee          TEXT NOT NULL,
  claimed_country   TEXT,
  claimed_region    TEXT,
  claimed_timezone  TEXT,
  imported_at       INTEGER NOT NULL
);
