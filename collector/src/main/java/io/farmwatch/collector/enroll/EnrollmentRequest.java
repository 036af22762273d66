package io.farmwatch.collector.enroll;

/** The body of {@code POST /api/v1/enroll} (PROTOCOL.md §3.1). */
public record EnrollmentRequest(
    String token, String publicKey, String fingerprint, String agentVersion, String hostname) {}
