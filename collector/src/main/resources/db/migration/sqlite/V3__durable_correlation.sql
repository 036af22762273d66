-- Per-device activity history: one row per device and UTC day, three 180-byte minute bitmaps
-- (see io.farmwatch.collector.activity.DayMinutes). Clustered on its key: rows are read by device.
CREATE TABLE device_activity (
  device_id  TEXT NOT NULL,
  epoch_day  INTEGER NOT NULL,
  active     BLOB NOT NULL,
  remote     BLOB NOT NULL,
  injected   BLOB NOT NULL,
  PRIMARY KEY (device_id, epoch_day)
) WITHOUT ROWID;
CREATE INDEX device_activity_day ON device_activity(epoch_day);

-- The correlator's cursor: every accepted report moves its device's observed_seq past all others.
ALTER TABLE devices ADD COLUMN observed_seq INTEGER;
CREATE INDEX devices_observed_seq ON devices(observed_seq);

-- The first hardware fingerprint correlation saw for the device: what HARDWARE_CHANGED compares with.
ALTER TABLE devices ADD COLUMN baseline_fingerprint TEXT;
ALTER TABLE devices ADD COLUMN baseline_at INTEGER;

-- Small named values shared by every collector of one database (the roster's version, the cursor).
CREATE TABLE correlation_state (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
