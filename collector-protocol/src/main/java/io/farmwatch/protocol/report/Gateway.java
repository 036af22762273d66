package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A default gateway and its link-layer address from the neighbour table.
 *
 * @param mac absent when the neighbour table has no entry for the gateway (e.g. a tunnel)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gateway(String address, String interfaceName, String mac) {}
