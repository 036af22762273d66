package io.farmwatch.agent.helper.service;

/**
 * Who has a graphical session on this machine right now: logind or the X display's owner on
 * Linux, the console user on macOS, the interactive sessions on Windows.
 */
@FunctionalInterface
public interface SessionUsers {

  /** Whether {@code user} owns an active graphical session now. */
  boolean hasGraphicalSession(String user);
}
