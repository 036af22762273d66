package io.farmwatch.collector.roster;

/**
 * Who a laptop was issued to and where they say they are.
 *
 * @param deviceKey a device ID or a hardware serial number
 */
public record RosterEntry(
    String deviceKey, String employee, String claimedCountry, String claimedRegion, String claimedTimezone) {}
