package io.farmwatch.agent.probe;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Looks up the established TCP connections on a few local ports and the kernel's smoothed round
 * trip of each: how far away the peer of a remote-control session sits. Cheap enough to ask once a
 * minute, because it asks only about the given ports.
 */
public interface SessionProbe {

  /** The most ports one look asks about. */
  int MAX_PORTS = 32;

  /**
   * @param localPorts the listening ports whose connections matter, at most {@value #MAX_PORTS}
   * @throws IOException when the OS could not be asked; an empty list means none is open
   */
  List<TcpSession> established(Set<Integer> localPorts) throws IOException;

  /** For an OS without a way to ask. */
  static SessionProbe unsupported(String os) {
    return ports -> {
      throw new IOException("no session round-trip source on " + os);
    };
  }
}
