package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One routing-table entry.
 *
 * @param destination CIDR form; {@code 0.0.0.0/0} and {@code ::/0} are default routes
 * @param gateway next hop, absent for directly connected routes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(
    String destination, String gateway, String interfaceName, Integer metric, String table) {}
