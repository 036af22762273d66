package io.farmwatch.collector.store;

/** What storing a verified report did. */
public enum AcceptOutcome {
  /** Stored durably; the device's sequence moved forward. */
  STORED,
  /** Its sequence was not above the stored one: a replay or a concurrent copy. Nothing stored. */
  REPLAYED,
  /** The device is gone or revoked since verification. Nothing stored. */
  DEVICE_UNAVAILABLE
}
