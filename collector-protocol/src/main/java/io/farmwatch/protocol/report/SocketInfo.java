package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A listening or connected socket with its owning process.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param state {@code LISTEN}, {@code ESTABLISHED}, ... as the OS names it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SocketInfo(
    String protocol,
    String localAddress,
    int localPort,
    String remoteAddress,
    Integer remotePort,
    String state,
    Integer pid,
    String processName) {}
