package io.farmwatch.agent.runtime.transport;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/enroll}.
 *
 * @param publicKey the device's Ed25519 public key as a PEM SubjectPublicKeyInfo
 * @param fingerprint the hardware fingerprint, absent when the probes could not compute one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollRequest(
    String token, String publicKey, String fingerprint, String agentVersion, String hostname) {}
