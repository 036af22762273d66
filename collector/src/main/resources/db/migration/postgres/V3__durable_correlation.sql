-- Per-device activity history: one row per device and UTC day, three 180-byte minute bitmaps
-- (see io.farmwatch.collector.activity.DayMinutes).
CREATE TABLE device_activity (
  device_id  TEXT NOT NULL,
  epoch_day  BIGINT NOT NULL,
  active     BYTEA NOT NULL,
  remote     BYTEA NOT NULL,
  injected   BYTEA NOT NULL,
  PRIMARY KEY (device_id, epoch_day)
);
CREATE INDEX device_activity_day ON device_activity(epoch_day);

-- The correlator's cursor: every accepted report moves its device's observed_seq past all others.
CREATE SEQUENCE observation_seq;
ALTER TABLE devices ADD COLUMN observed_seq BIGINT;
CREATE INDEX devices_observed_seq ON devices(observed_seq);

-- The first hardware fingerprint correlation saw for the device: what HARDWARE_CHANGED compares with.
ALTER TABLE devices ADD COLUMN baseline_fingerprint TEXT;
ALTER TABLE devices ADD COLUMN baseline_at BIGINT;

-- Small named values shared by every collector of one database (the roster's version, the cursor).
CREATE TABLE correlation_state (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  BIGINT NOT NULL
);
