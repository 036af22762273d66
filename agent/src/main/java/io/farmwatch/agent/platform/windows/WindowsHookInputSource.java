package io.farmwatch.agent.platform.windows;

import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinUser;
import io.farmwatch.agent.input.source.InputEvent;
import io.farmwatch.agent.input.source.InputSource;
import io.farmwatch.agent.input.source.SourceUnavailableException;
import java.util.function.Consumer;

/**
 * Windows: low-level keyboard and mouse hooks, on a thread with its own message loop (hooks are
 * called on the installing thread). Only the message type and the injected flag are used; the
 * virtual-key code and the pointer position in the same structures are never read. Must run in the
 * user's session (a per-user agent process), not as a session-0 service.
 */
public final class WindowsHookInputSource implements InputSource {

  private static final int WM_QUIT = 0x0012;

  private Thread thread;
  private volatile int threadId;

  @Override
  public String name() {
    return "windows-ll-hooks";
  }

  @Override
  public void start(Consumer<InputEvent> events) throws SourceUnavailableException {
    User32 user32;
    try {
      user32 = User32.INSTANCE;
    } catch (UnsatisfiedLinkError e) {
      throw new SourceUnavailableException("user32 is not available: " + e.getMessage());
    }
    java.util.concurrent.CompletableFuture<String> started = new java.util.concurrent.CompletableFuture<>();
    thread = new Thread(() -> {
      threadId = Kernel32.INSTANCE.GetCurrentThreadId();
      WinDef.HMODULE module = Kernel32.INSTANCE.GetModuleHandle(null);
      WinUser.LowLevelKeyboardProc keyboard = (code, wParam, info) -> {
        if (code >= 0) {
          InputEvent e = HookEvents.keyboard(wParam.intValue(), info.flags, System.currentTimeMillis());
          if (e != null) {
            events.accept(e);
          }
        }
        return user32.CallNextHookEx(null, code, wParam, new WinDef.LPARAM(com.sun.jna.Pointer.nativeValue(info.getPointer())));
      };
      WinUser.LowLevelMouseProc mouse = (code, wParam, info) -> {
        if (code >= 0) {
          InputEvent e = HookEvents.mouse(wParam.intValue(), info.flags, System.currentTimeMillis());
          if (e != null) {
            events.accept(e);
          }
        }
        return user32.CallNextHookEx(null, code, wParam, new WinDef.LPARAM(com.sun.jna.Pointer.nativeValue(info.getPointer())));
      };
      WinUser.HHOOK kh = user32.SetWindowsHookEx(WinUser.WH_KEYBOARD_LL, keyboard, module, 0);
      WinUser.HHOOK mh = user32.SetWindowsHookEx(WinUser.WH_MOUSE_LL, mouse, module, 0);
      if (kh == null || mh == null) {
        started.complete("SetWindowsHookEx failed (error " + Kernel32.INSTANCE.GetLastError() + ")");
        return;
      }
      started.complete(null);
      WinUser.MSG msg = new WinUser.MSG();
      while (user32.GetMessage(msg, null, 0, 0) > 0) {
        // Hooks are called from inside GetMessage; there is nothing else to dispatch.
      }
      user32.UnhookWindowsHookEx(kh);
      user32.UnhookWindowsHookEx(mh);
    }, "input-windows");
    thread.setDaemon(true);
    thread.start();
    String failure;
    try {
      failure = started.get();
    } catch (Exception e) {
      failure = e.toString();
    }
    if (failure != null) {
      throw new SourceUnavailableException(failure);
    }
  }

  @Override
  public void close() {
    if (thread != null && threadId != 0) {
      User32.INSTANCE.PostThreadMessage(threadId, WM_QUIT, null, null);
    }
  }
}
