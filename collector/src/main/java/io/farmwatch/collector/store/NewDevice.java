package io.farmwatch.collector.store;

import java.time.Instant;

/** A device being enrolled, with the key it pins. */
public record NewDevice(
    String deviceId, String publicKeyPem, String keyId, String fingerprint, String hostname,
    String agentVersion, Instant enrolledAt) {}
