package io.farmwatch.agent.platform.windows.service;

import com.sun.jna.platform.win32.Winsvc;

/** One SERVICE_STATUS as the host reports it (the service type is always SERVICE_WIN32_OWN_PROCESS). */
public record ServiceStatus(
    State state, int controlsAccepted, int win32ExitCode, int serviceSpecificExitCode, int checkPoint, int waitHintMillis) {

  /** ERROR_SERVICE_SPECIFIC_ERROR: the exit code is in serviceSpecificExitCode. */
  public static final int ERROR_SERVICE_SPECIFIC_ERROR = 1066;

  /** The states the host goes through, with their Winsvc values. */
  public enum State {
    START_PENDING(Winsvc.SERVICE_START_PENDING),
    RUNNING(Winsvc.SERVICE_RUNNING),
    STOP_PENDING(Winsvc.SERVICE_STOP_PENDING),
    STOPPED(Winsvc.SERVICE_STOPPED);

    final int code;

    State(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
