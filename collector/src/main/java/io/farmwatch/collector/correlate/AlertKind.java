package io.farmwatch.collector.correlate;

/**
 * What an alert is about. The names are the {@code kind} on the API, in the database and in sinks;
 * the prefix starts the alert's ID. docs/correlation.md's Alerts table lists each with its meaning.
 */
public enum AlertKind {
  LAPTOP_FARM("farm", "a cluster of two or more co-located devices"),
  REMOTE_CONTROL("control", "one device can be driven from elsewhere"),
  DUPLICATE_HARDWARE("identity", "one hardware fingerprint under several enrollments"),
  HARDWARE_CHANGED("hwchange", "the fingerprint under one enrollment changed"),
  LOCALE_MISMATCH("locale", "time zone or input methods contradict the roster (e.g. a Hangul IME, claimed US)"),
  AGENT_SILENT("silent", "an enrolled agent stopped reporting"),
  SHARED_OPERATOR("operator", "remotely controllable devices in different places used in turn, as by one operator"),
  WORKING_HOURS("hours", "most activity falls at night in the roster's time zone and fits a working day at another offset"),
  EGRESS("egress", "leaves the internet through a hosting/VPN network with no VPN client, or from an unclaimed country"),
  SHARED_EXIT("exit", "several fleet machines leave through one VPN exit or provider at the same times"),
  ROUND_TRIP("rtt", "the round trip to the collector contradicts the claimed city");

  private final String idPrefix;
  private final String description;

  AlertKind(String idPrefix, String description) {
    this.idPrefix = idPrefix;
    this.description = description;
  }

  public String idPrefix() {
    return idPrefix;
  }

  public String description() {
    return description;
  }
}
