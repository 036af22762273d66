package io.farmwatch.protocol.envelope;

/**
 * What the collector knows about an enrolled device when a report arrives.
 *
 * @param lastSequence the highest sequence accepted so far, or -1 before the first report
 */
public record KnownDevice(String deviceId, DeviceKey key, long lastSequence, boolean revoked) {}
