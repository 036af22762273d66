package io.farmwatch.agent.platform.windows.service;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.util.ArrayList;
import java.util.List;

/**
 * The Service Control Manager calls through jna-platform's Advapi32 mappings. Never runs on this
 * build machine; WindowsServiceMappingsTest checks the mappings it uses against the documented
 * signatures.
 */
final class Advapi32ServiceControl implements ServiceControlApi {

  /** StartServiceCtrlDispatcher fails with this when the process was not started as a service. */
  static final int ERROR_FAILED_SERVICE_CONTROLLER_CONNECT = 1063;

  /** JNA callbacks must stay reachable for as long as Windows may call them. */
  private final List<Object> callbacks = new ArrayList<>();

  @Override
  public boolean runDispatcher(String serviceName, Runnable serviceMain) {
    Winsvc.SERVICE_MAIN_FUNCTION main = (argc, argv) -> serviceMain.run();
    callbacks.add(main);
    Winsvc.SERVICE_TABLE_ENTRY entry = new Winsvc.SERVICE_TABLE_ENTRY();
    entry.lpServiceName = serviceName;
    entry.lpServiceProc = main;
    // The table ends with an entry of nulls.
    Winsvc.SERVICE_TABLE_ENTRY[] table = (Winsvc.SERVICE_TABLE_ENTRY[]) entry.toArray(2);
    if (Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
      return true;
    }
    int error = Kernel32.INSTANCE.GetLastError();
    if (error == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
      return false;
    }
    throw new Win32Exception(error);
  }

  @Override
  public Object registerHandler(String serviceName, ControlHandler handler) {
    // WTSSESSION_NOTIFICATION: DWORD cbSize, then DWORD dwSessionId.
    Winsvc.HandlerEx ex = (control, eventType, eventData, context) -> handler.control(control, eventType,
        control == Winsvc.SERVICE_CONTROL_SESSIONCHANGE && eventData != null ? eventData.getInt(4) : -1);
    callbacks.add(ex);
    Winsvc.SERVICE_STATUS_HANDLE handle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(serviceName, ex, Pointer.NULL);
    if (handle == null) {
      throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
    }
    return handle;
  }

  @Override
  public void setStatus(Object statusHandle, ServiceStatus status) {
    Winsvc.SERVICE_STATUS s = new Winsvc.SERVICE_STATUS();
    s.dwServiceType = WinNT.SERVICE_WIN32_OWN_PROCESS;
    s.dwCurrentState = status.state().code();
    s.dwControlsAccepted = status.controlsAccepted();
    s.dwWin32ExitCode = status.win32ExitCode();
    s.dwServiceSpecificExitCode = status.serviceSpecificExitCode();
    s.dwCheckPoint = status.checkPoint();
    s.dwWaitHint = status.waitHintMillis();
    if (!Advapi32.INSTANCE.SetServiceStatus((Winsvc.SERVICE_STATUS_HANDLE) statusHandle, s)) {
      throw new Win32Exception(Kernel32.INSTANCE.GetLastError());
    }
  }
}
