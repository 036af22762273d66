package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A physical network adapter's identity.
 *
 * @param permanentMac the burned-in address where the OS exposes it (absent when not exposed)
 * @param currentMac the address in use now; differs from the permanent one when spoofed or randomized
 * @param locallyAdministered the current MAC has the locally-administered bit set (randomized or set
 *     by software)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NicIdentity(
    String name, String permanentMac, String currentMac, boolean locallyAdministered) {}
