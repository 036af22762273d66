package io.farmwatch.agent.platform.windows.security;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The advapi32 calls jna-platform does not map. Signatures as documented: BOOL
 * ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR, DWORD, PSECURITY_DESCRIPTOR*, PULONG)
 * and BOOL ConvertSecurityDescriptorToStringSecurityDescriptorW(PSECURITY_DESCRIPTOR, DWORD,
 * SECURITY_INFORMATION, LPWSTR*, PULONG) (sddl.h; both allocate with LocalAlloc), and BOOL
 * ImpersonateNamedPipeClient(HANDLE) (namedpipeapi.h).
 */
public interface Advapi32Extra extends StdCallLibrary {

  int SDDL_REVISION_1 = 1;

  /** Loaded on first use only, so merely naming this class on Linux loads nothing. */
  static Advapi32Extra load() {
    return Native.load("advapi32", Advapi32Extra.class, W32APIOptions.UNICODE_OPTIONS);
  }

  boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(
      WString stringSecurityDescriptor, int revision, PointerByReference securityDescriptor, IntByReference size);

  boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(
      Pointer securityDescriptor, int revision, int securityInformation, PointerByReference stringSecurityDescriptor,
      IntByReference length);

  boolean ImpersonateNamedPipeClient(WinNT.HANDLE namedPipe);
}
