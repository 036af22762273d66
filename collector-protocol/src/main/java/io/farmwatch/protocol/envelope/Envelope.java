package io.farmwatch.protocol.envelope;

/**
 * The signed wrapper a report travels in.
 *
 * @param v envelope format version, {@code 1}
 * @param deviceId the collector-assigned device ID; must equal the report's {@code device.deviceId}
 * @param keyId identifies the signing key: see {@link DeviceKey#keyId()}
 * @param payload standard base64 (with padding) of the exact UTF-8 JSON bytes of the report
 * @param signature standard base64 of the 64-byte Ed25519 signature over the payload bytes
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Envelope(int v, String deviceId, String keyId, String payload, String signature) {}
