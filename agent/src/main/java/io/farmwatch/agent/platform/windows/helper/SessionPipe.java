package io.farmwatch.agent.platform.windows.helper;

/**
 * The named pipe between the service and one Windows session's helper: one pipe per session, so
 * each pipe's DACL can admit exactly that session's user (SecurityDescriptors.sessionPipe).
 */
public final class SessionPipe {

  static final String PREFIX = "\\\\.\\pipe\\farmwatch-session-";

  private SessionPipe() {}

  /** {@code \\.\pipe\farmwatch-session-<sessionId>}. */
  public static String name(int sessionId) {
    if (sessionId < 0) {
      throw new IllegalArgumentException("not a Windows session id: " + sessionId);
    }
    return PREFIX + sessionId;
  }
}
