package io.farmwatch.agent.probe;

/**
 * One established TCP connection on a local port, as the kernel reports it.
 *
 * @param remoteAddress the peer's numeric address, as the OS prints it
 * @param smoothedRttMicros the kernel's smoothed round trip of the connection, or null when the OS
 *     gave none (no sample yet, or statistics not collected)
 */
public record TcpSession(int localPort, String remoteAddress, int remotePort, Long smoothedRttMicros) {}
