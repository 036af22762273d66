package io.farmwatch.agent.platform.windows.security;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Applies and reads the security descriptors of {@link SecurityDescriptors} through Windows calls.
 * Not runnable on this build machine; the SDDL it applies and the check of what it reads back are
 * tested in SecurityDescriptorsTest, the mappings in WindowsServiceMappingsTest.
 */
public final class WindowsAcl {

  /** FILE_FLAG_FIRST_PIPE_INSTANCE: fails if another process made the pipe first (a squatter waiting for the helper). */
  static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x80000;

  private WindowsAcl() {}

  /** Gives the file the settings file's DACL (SYSTEM and Administrators only, nothing inherited). */
  public static void protectSettingsFile(Path file) throws IOException {
    withDescriptor(SecurityDescriptors.SETTINGS_FILE, sd -> {
      if (!Advapi32.INSTANCE.SetFileSecurity(file.toString(),
          WinNT.DACL_SECURITY_INFORMATION | WinNT.PROTECTED_DACL_SECURITY_INFORMATION, sd)) {
        throw new IOException("cannot set the access of " + file + ": " + new Win32Exception(Kernel32.INSTANCE.GetLastError()).getMessage());
      }
      return null;
    });
  }

  /** The file's DACL in SDDL. */
  public static String daclOf(Path file) throws IOException {
    IntByReference needed = new IntByReference();
    Advapi32.INSTANCE.GetFileSecurity(file.toString(), WinNT.DACL_SECURITY_INFORMATION, null, 0, needed);
    if (needed.getValue() == 0) {
      throw new IOException("cannot read the access of " + file + ": " + new Win32Exception(Kernel32.INSTANCE.GetLastError()).getMessage());
    }
    Memory sd = new Memory(needed.getValue());
    if (!Advapi32.INSTANCE.GetFileSecurity(file.toString(), WinNT.DACL_SECURITY_INFORMATION, sd, needed.getValue(), needed)) {
      throw new IOException("cannot read the access of " + file + ": " + new Win32Exception(Kernel32.INSTANCE.GetLastError()).getMessage());
    }
    PointerByReference text = new PointerByReference();
    if (!Advapi32Extra.load().ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, Advapi32Extra.SDDL_REVISION_1,
        WinNT.DACL_SECURITY_INFORMATION, text, null)) {
      throw new IOException("cannot convert the access of " + file + " to SDDL");
    }
    try {
      return text.getValue().getWideString(0);
    } finally {
      Kernel32.INSTANCE.LocalFree(text.getValue());
    }
  }

  /**
   * Creates the first instance of a session's pipe (named by SessionPipe), open to that session's
   * user only and to no remote client.
   */
  public static WinNT.HANDLE createSessionPipe(String name, String userSid) throws IOException {
    return withDescriptor(SecurityDescriptors.sessionPipe(userSid), sd -> {
      WinBase.SECURITY_ATTRIBUTES sa = new WinBase.SECURITY_ATTRIBUTES();
      sa.dwLength = new WinDef.DWORD(sa.size());
      sa.lpSecurityDescriptor = sd;
      sa.bInheritHandle = false;
      WinNT.HANDLE pipe = Kernel32.INSTANCE.CreateNamedPipe(name, WinBase.PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE,
          WinBase.PIPE_TYPE_BYTE | WinBase.PIPE_READMODE_BYTE | WinBase.PIPE_WAIT | WinBase.PIPE_REJECT_REMOTE_CLIENTS,
          1, 4096, 4096, 0, sa);
      if (WinBase.INVALID_HANDLE_VALUE.equals(pipe)) {
        throw new IOException("cannot create " + name + ": " + new Win32Exception(Kernel32.INSTANCE.GetLastError()).getMessage());
      }
      return pipe;
    });
  }

  private interface WithDescriptor<T> {
    T apply(Pointer securityDescriptor) throws IOException;
  }

  private static <T> T withDescriptor(String sddl, WithDescriptor<T> use) throws IOException {
    PointerByReference sd = new PointerByReference();
    if (!Advapi32Extra.load().ConvertStringSecurityDescriptorToSecurityDescriptorW(new WString(sddl), Advapi32Extra.SDDL_REVISION_1, sd, null)) {
      throw new IOException("cannot build a security descriptor from " + sddl + ": "
          + new Win32Exception(Kernel32.INSTANCE.GetLastError()).getMessage());
    }
    try {
      return use.apply(sd.getValue());
    } finally {
      Kernel32.INSTANCE.LocalFree(sd.getValue());
    }
  }
}
