-- Each device's least round trip to each collector site per UTC day (collector.roundtrip.RoundTripLedger):
-- what round-trip physics judges over days, kept across restarts and correlator takeovers. One row per
-- device, site and day, lowered in place; pruned with the activity history.
CREATE TABLE device_round_trips (
  device_id   TEXT NOT NULL,
  site        TEXT NOT NULL,
  site_lat    REAL NOT NULL,
  site_lon    REAL NOT NULL,
  epoch_day   INTEGER NOT NULL,
  min_micros  INTEGER NOT NULL,
  PRIMARY KEY (device_id, site, epoch_day)
) WITHOUT ROWID;
CREATE INDEX device_round_trips_day ON device_round_trips(epoch_day);
