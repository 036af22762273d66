package io.farmwatch.agent.platform.windows.service;

/**
 * A SERVICE_CONTROL_SESSIONCHANGE notification: what happened (the WTS_* event type) to which
 * Windows session. The session helper's service side opens a session's pipe at logon and closes it
 * at logoff.
 */
public record SessionChange(Kind kind, int sessionId) {

  /** The WTS_* event types of WTSSESSION_NOTIFICATION, by their documented values. */
  public enum Kind {
    CONSOLE_CONNECT(1), CONSOLE_DISCONNECT(2), REMOTE_CONNECT(3), REMOTE_DISCONNECT(4), LOGON(5), LOGOFF(6),
    LOCK(7), UNLOCK(8), REMOTE_CONTROL(9), CREATE(10), TERMINATE(11), UNKNOWN(-1);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public static Kind of(int eventType) {
      for (Kind k : values()) {
        if (k.code == eventType) {
          return k;
        }
      }
      return UNKNOWN;
    }
  }
}
