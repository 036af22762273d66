package io.farmwatch.collector.store;

/**
 * A device as the correlator reads it: its latest observation and where that stands in the
 * fleet-wide order of accepted reports.
 *
 * @param observedSeq position of the device's latest accepted report in the order all collectors share
 * @param baselineFingerprint the first hardware fingerprint the device reported (kept by ingest, or by
 *     the correlator for rows stored before ingest kept it), null before one
 */
public record ObservedDevice(
    String deviceId, long observedSeq, String observationJson, String baselineFingerprint, boolean revoked) {}
