package io.farmwatch.protocol.envelope;

/**
 * The signed wrapper a report travels in.
 *
 * @param v envelope format version: {@code 2}, or {@code 1} from agents before it
 * @param deviceId the collector-assigned device ID; must equal the report's {@code device.deviceId}
 * @param keyId identifies the signing key: see {@link DeviceKey#keyId()}
 * @param payload standard base64 (with padding) of the signed bytes: the gzip of the report's
 *     UTF-8 JSON (version 2), or that JSON as it is (version 1)
 * @param signature standard base64 of the 64-byte Ed25519 signature over the payload bytes
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Envelope(int v, String deviceId, String keyId, String payload, String signature) {}
