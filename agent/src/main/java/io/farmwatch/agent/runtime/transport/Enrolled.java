package io.farmwatch.agent.runtime.transport;

/**
 * The collector's answer to an enrollment.
 *
 * @param policyKeyPem the collector's policy key (PROTOCOL.md 3.1), or null from a collector that
 *     has no central policy
 */
public record Enrolled(String deviceId, String policyKeyPem) {}
