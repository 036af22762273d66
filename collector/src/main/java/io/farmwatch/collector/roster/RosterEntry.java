package io.farmwatch.collector.roster;

/**
 * Who a laptop was issued to and where they say they are.
 *
 * @param deviceKey a device ID or a hardware serial number
 * @param claimedCity the city the employee says they work from, judged by round-trip physics
 */
public record RosterEntry(
    String deviceKey, String employee, String claimedCountry, String claimedRegion, String claimedTimezone,
    String claimedCity) {

  /** A roster line without a city. */
  public RosterEntry(String deviceKey, String employee, String claimedCountry, String claimedRegion,
      String claimedTimezone) {
    this(deviceKey, employee, claimedCountry, claimedRegion, claimedTimezone, null);
  }
}
