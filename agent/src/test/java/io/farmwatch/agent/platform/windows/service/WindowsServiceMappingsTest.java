package io.farmwatch.agent.platform.windows.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.platform.win32.Wtsapi32;
import com.sun.jna.ptr.IntByReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The jna-platform mappings the service host, the settings ACL and the session pipe call exist with
 * the signatures Microsoft documents (winsvc.h, winbase.h, wtsapi32.h), and the constants have their
 * documented values. Nothing here calls Windows.
 */
class WindowsServiceMappingsTest {

  private static java.util.stream.Stream<String> instanceFields(Class<?> type) {
    return Arrays.stream(type.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName);
  }

  private static Method method(Class<?> type, String name, Class<?>... params) throws NoSuchMethodException {
    return type.getMethod(name, params);
  }

  @Test
  void serviceControlManagerCalls() throws Exception {
    // BOOL StartServiceCtrlDispatcherW(const SERVICE_TABLE_ENTRYW *lpServiceStartTable)
    assertThat(method(Advapi32.class, "StartServiceCtrlDispatcher", Winsvc.SERVICE_TABLE_ENTRY[].class).getReturnType())
        .isEqualTo(boolean.class);
    // SERVICE_STATUS_HANDLE RegisterServiceCtrlHandlerExW(LPCWSTR, LPHANDLER_FUNCTION_EX, LPVOID)
    assertThat(method(Advapi32.class, "RegisterServiceCtrlHandlerEx", String.class, Winsvc.HandlerEx.class, Pointer.class)
        .getReturnType()).isEqualTo(Winsvc.SERVICE_STATUS_HANDLE.class);
    // BOOL SetServiceStatus(SERVICE_STATUS_HANDLE, LPSERVICE_STATUS)
    assertThat(method(Advapi32.class, "SetServiceStatus", Winsvc.SERVICE_STATUS_HANDLE.class, Winsvc.SERVICE_STATUS.class)
        .getReturnType()).isEqualTo(boolean.class);
    // DWORD LphandlerFunctionEx(DWORD dwControl, DWORD dwEventType, LPVOID lpEventData, LPVOID lpContext)
    assertThat(method(Winsvc.HandlerEx.class, "callback", int.class, int.class, Pointer.class, Pointer.class).getReturnType())
        .isEqualTo(int.class);
    // VOID LpserviceMainFunctionw(DWORD dwNumServicesArgs, LPWSTR *lpServiceArgVectors)
    assertThat(method(Winsvc.SERVICE_MAIN_FUNCTION.class, "callback", int.class, Pointer.class).getReturnType())
        .isEqualTo(void.class);
  }

  @Test
  void serviceStatusIsSevenDwordsInTheDocumentedOrder() {
    assertThat(instanceFields(Winsvc.SERVICE_STATUS.class))
        .containsExactly("dwServiceType", "dwCurrentState", "dwControlsAccepted", "dwWin32ExitCode",
            "dwServiceSpecificExitCode", "dwCheckPoint", "dwWaitHint");
    assertThat(new Winsvc.SERVICE_STATUS().size()).isEqualTo(28);
    assertThat(instanceFields(Winsvc.SERVICE_TABLE_ENTRY.class))
        .containsExactly("lpServiceName", "lpServiceProc");
  }

  @Test
  void constantsHaveTheirDocumentedValues() {
    assertThat(new int[] {Winsvc.SERVICE_STOPPED, Winsvc.SERVICE_START_PENDING, Winsvc.SERVICE_STOP_PENDING,
        Winsvc.SERVICE_RUNNING}).containsExactly(1, 2, 3, 4);
    assertThat(new int[] {Winsvc.SERVICE_CONTROL_STOP, Winsvc.SERVICE_CONTROL_INTERROGATE,
        Winsvc.SERVICE_CONTROL_SHUTDOWN, Winsvc.SERVICE_CONTROL_SESSIONCHANGE}).containsExactly(1, 4, 5, 14);
    assertThat(new int[] {Winsvc.SERVICE_ACCEPT_STOP, Winsvc.SERVICE_ACCEPT_SHUTDOWN, Winsvc.SERVICE_ACCEPT_SESSIONCHANGE})
        .containsExactly(1, 4, 0x80);
    assertThat(WinNT.SERVICE_WIN32_OWN_PROCESS).isEqualTo(0x10);
    assertThat(new int[] {Wtsapi32.WTS_SESSION_LOGON, Wtsapi32.WTS_SESSION_LOGOFF, Wtsapi32.WTS_SESSION_LOCK,
        Wtsapi32.WTS_SESSION_UNLOCK}).containsExactly(5, 6, 7, 8);
    assertThat(new int[] {WinBase.PIPE_ACCESS_DUPLEX, WinBase.PIPE_TYPE_BYTE, WinBase.PIPE_READMODE_BYTE,
        WinBase.PIPE_WAIT, WinBase.PIPE_REJECT_REMOTE_CLIENTS}).containsExactly(3, 0, 0, 0, 8);
    assertThat(WinNT.DACL_SECURITY_INFORMATION).isEqualTo(4);
    assertThat(WinNT.PROTECTED_DACL_SECURITY_INFORMATION).isEqualTo(0x80000000);
  }

  @Test
  void fileSecurityAndNamedPipeCalls() throws Exception {
    // BOOL SetFileSecurityW(LPCWSTR, SECURITY_INFORMATION, PSECURITY_DESCRIPTOR)
    assertThat(method(Advapi32.class, "SetFileSecurity", String.class, int.class, Pointer.class).getReturnType())
        .isEqualTo(boolean.class);
    // BOOL GetFileSecurityW(LPCWSTR, SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, DWORD, LPDWORD)
    assertThat(method(Advapi32.class, "GetFileSecurity", String.class, int.class, Pointer.class, int.class,
        IntByReference.class).getReturnType()).isEqualTo(boolean.class);
    // HANDLE CreateNamedPipeW(LPCWSTR, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances, DWORD nOutBufferSize,
    //                         DWORD nInBufferSize, DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES)
    assertThat(method(Kernel32.class, "CreateNamedPipe", String.class, int.class, int.class, int.class, int.class,
        int.class, int.class, WinBase.SECURITY_ATTRIBUTES.class).getReturnType()).isEqualTo(WinNT.HANDLE.class);
    assertThat(method(Kernel32.class, "LocalFree", Pointer.class).getReturnType()).isEqualTo(Pointer.class);
    // BOOL ConnectNamedPipe(HANDLE, LPOVERLAPPED); BOOL DisconnectNamedPipe(HANDLE); BOOL FlushFileBuffers(HANDLE)
    assertThat(method(Kernel32.class, "ConnectNamedPipe", WinNT.HANDLE.class, WinBase.OVERLAPPED.class).getReturnType())
        .isEqualTo(boolean.class);
    assertThat(method(Kernel32.class, "DisconnectNamedPipe", WinNT.HANDLE.class).getReturnType()).isEqualTo(boolean.class);
    assertThat(method(Kernel32.class, "FlushFileBuffers", WinNT.HANDLE.class).getReturnType()).isEqualTo(boolean.class);
    // BOOL ReadFile/WriteFile(HANDLE, LPVOID, DWORD, LPDWORD, LPOVERLAPPED)
    for (String io : new String[] {"ReadFile", "WriteFile"}) {
      assertThat(method(Kernel32.class, io, WinNT.HANDLE.class, byte[].class, int.class, IntByReference.class,
          WinBase.OVERLAPPED.class).getReturnType()).isEqualTo(boolean.class);
    }
    // BOOL OpenThreadToken(HANDLE, DWORD, BOOL OpenAsSelf, PHANDLE); BOOL RevertToSelf()
    assertThat(method(Advapi32.class, "OpenThreadToken", WinNT.HANDLE.class, int.class, boolean.class,
        WinNT.HANDLEByReference.class).getReturnType()).isEqualTo(boolean.class);
    assertThat(method(Advapi32.class, "RevertToSelf").getReturnType()).isEqualTo(boolean.class);
    // BOOL WTSEnumerateSessionsW(HANDLE, DWORD Reserved, DWORD Version, PWTS_SESSION_INFOW*, DWORD*)
    assertThat(method(Wtsapi32.class, "WTSEnumerateSessions", WinNT.HANDLE.class, int.class, int.class,
        com.sun.jna.ptr.PointerByReference.class, IntByReference.class).getReturnType()).isEqualTo(boolean.class);
    // BOOL WTSQueryUserToken(ULONG SessionId, PHANDLE phToken): the agent's own mapping
    assertThat(method(io.farmwatch.agent.platform.windows.helper.Wtsapi32Extra.class, "WTSQueryUserToken", int.class,
        WinNT.HANDLEByReference.class).getReturnType()).isEqualTo(boolean.class);
    assertThat(instanceFields(Wtsapi32.WTS_SESSION_INFO.class)).containsExactly("SessionId", "pWinStationName", "State");
    // SECURITY_ATTRIBUTES: DWORD nLength, LPVOID lpSecurityDescriptor, BOOL bInheritHandle
    assertThat(instanceFields(WinBase.SECURITY_ATTRIBUTES.class))
        .containsExactly("dwLength", "lpSecurityDescriptor", "bInheritHandle");
    assertThat(WinBase.SECURITY_ATTRIBUTES.class.getField("dwLength").getType()).isEqualTo(WinDef.DWORD.class);
    assertThat(Structure.class).isAssignableFrom(WinBase.SECURITY_ATTRIBUTES.class);
  }
}
