package io.farmwatch.agent.platform.windows.security;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The SDDL conversions of advapi32 (sddl.h), which jna-platform does not map. Signatures as
 * documented: BOOL ConvertStringSecurityDescriptorToSecurityDescriptorW(LPCWSTR, DWORD,
 * PSECURITY_DESCRIPTOR*, PULONG) and BOOL ConvertSecurityDescriptorToStringSecurityDescriptorW(
 * PSECURITY_DESCRIPTOR, DWORD, SECURITY_INFORMATION, LPWSTR*, PULONG); both allocate with LocalAlloc.
 */
interface Sddl extends StdCallLibrary {

  int SDDL_REVISION_1 = 1;

  /** Loaded on first use only, so merely naming this class on Linux loads nothing. */
  static Sddl load() {
    return Native.load("advapi32", Sddl.class, W32APIOptions.UNICODE_OPTIONS);
  }

  boolean ConvertStringSecurityDescriptorToSecurityDescriptorW(
      WString stringSecurityDescriptor, int revision, PointerByReference securityDescriptor, IntByReference size);

  boolean ConvertSecurityDescriptorToStringSecurityDescriptorW(
      Pointer securityDescriptor, int revision, int securityInformation, PointerByReference stringSecurityDescriptor,
      IntByReference length);
}
