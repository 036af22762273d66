package io.farmwatch.agent.platform.windows.service;

/**
 * The three Service Control Manager calls a service makes (Advapi32): the boundary the service host
 * is tested against, since no Service Control Manager runs here. {@link Advapi32ServiceControl}
 * makes the real calls through jna-platform.
 */
public interface ServiceControlApi {

  /** What the control handler receives: a control code, its event type and, for session changes, the session. */
  @FunctionalInterface
  interface ControlHandler {
    /** Returns NO_ERROR (0), or ERROR_CALL_NOT_IMPLEMENTED (120) for controls the service does not take. */
    int control(int control, int eventType, int sessionId);
  }

  /**
   * StartServiceCtrlDispatcher: connects this process to the Service Control Manager and calls
   * {@code serviceMain} on a thread of its own; returns when the service has stopped, false if this
   * process was not started by the Service Control Manager.
   */
  boolean runDispatcher(String serviceName, Runnable serviceMain);

  /** RegisterServiceCtrlHandlerEx; the returned handle is for {@link #setStatus}. */
  Object registerHandler(String serviceName, ControlHandler handler);

  /** SetServiceStatus. */
  void setStatus(Object statusHandle, ServiceStatus status);
}
