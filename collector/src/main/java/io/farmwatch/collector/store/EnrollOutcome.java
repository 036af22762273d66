package io.farmwatch.collector.store;

/** What {@link Storage#enroll} did; only {@link #ENROLLED} changed anything. */
public enum EnrollOutcome {
  ENROLLED,
  /** The token is unknown, expired, revoked or used up; nothing about the key was looked at. */
  INVALID_TOKEN,
  /** The token is good but the key belongs to a device already; the token's use is not spent. */
  KEY_ALREADY_ENROLLED
}
