package io.farmwatch.agent.platform.windows.helper;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The wtsapi32 call jna-platform does not map: BOOL WTSQueryUserToken(ULONG SessionId, PHANDLE
 * phToken) (wtsapi32.h), which only a LocalSystem service may call.
 */
public interface Wtsapi32Extra extends StdCallLibrary {

  /** Loaded on first use only. */
  static Wtsapi32Extra load() {
    return Native.load("wtsapi32", Wtsapi32Extra.class, W32APIOptions.DEFAULT_OPTIONS);
  }

  boolean WTSQueryUserToken(int sessionId, WinNT.HANDLEByReference token);
}
