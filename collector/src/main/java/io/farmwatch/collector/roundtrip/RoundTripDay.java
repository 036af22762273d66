package io.farmwatch.collector.roundtrip;

/**
 * A device's least round trip to one collector site over one UTC day: what the ledger keeps and the
 * database stores, one row per device, site and day.
 */
public record RoundTripDay(String deviceId, CollectorSite site, long epochDay, long minMicros) {}
