package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An ARP (IPv4) or NDP (IPv6) neighbour table entry. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Neighbor(String address, String mac, String interfaceName, String state) {}
