package io.farmwatch.agent.runtime.enroll;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;

/**
 * What enrollment recorded in the state folder, so that {@code run --state DIR} needs nothing else.
 *
 * @param pinnedCertificatePem the collector's pinned CA/certificate copied at enrollment, or null
 *     for system trust; copied rather than referenced so a later move of the original file cannot
 *     silently downgrade the agent to system trust
 * @param allowPlainHttp whether {@code --allow-plain-http} was given at enrollment
 * @param policyKeyPem the key the collector signs its central policy with, learned at enrollment;
 *     null when the collector had none, and the agent then applies no central policy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Enrollment(
    URI collectorUrl,
    String deviceId,
    Instant enrolledAt,
    boolean allowPlainHttp,
    String pinnedCertificatePem,
    String policyKeyPem) {}
