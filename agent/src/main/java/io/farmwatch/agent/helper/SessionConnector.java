package io.farmwatch.agent.helper;

import java.io.IOException;

/** How a helper reaches the service on its platform: a Unix socket, a named pipe. */
@FunctionalInterface
public interface SessionConnector {

  /**
   * Connects and reads the service's first answer.
   *
   * @throws SessionRefusedException when the service refuses this helper
   */
  SessionChannel connect() throws IOException, SessionRefusedException;
}
