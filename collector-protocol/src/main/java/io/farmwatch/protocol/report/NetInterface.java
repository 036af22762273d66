package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A network interface.
 *
 * @param type {@code ethernet}, {@code wifi}, {@code loopback}, {@code tun}, {@code tap},
 *     {@code wireguard}, {@code ppp}, {@code bridge}, {@code veth}, {@code virtual} or {@code other}
 * @param mac lower-case colon form, absent for interfaces without a link-layer address
 * @param addresses CIDR form, e.g. {@code 192.168.1.20/24}, {@code fe80::1/64}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetInterface(
    String name,
    Integer index,
    String type,
    String mac,
    String permanentMac,
    boolean up,
    Integer mtu,
    List<String> addresses) {}
