package io.farmwatch.agent.platform.windows.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.Test;

/** The agent's own advapi32 mappings have the documented shapes; they cannot be called here. */
class Advapi32ExtraMappingTest {

  @Test
  void stringToDescriptorTakesTheStringTheRevisionAndTwoOutParameters() throws Exception {
    var m = Advapi32Extra.class.getMethod("ConvertStringSecurityDescriptorToSecurityDescriptorW",
        WString.class, int.class, PointerByReference.class, IntByReference.class);
    assertThat(m.getReturnType()).isEqualTo(boolean.class);
    assertThat(Advapi32Extra.SDDL_REVISION_1).isEqualTo(1);
  }

  @Test
  void descriptorToStringTakesTheDescriptorTheRevisionTheInformationAndTwoOutParameters() throws Exception {
    var m = Advapi32Extra.class.getMethod("ConvertSecurityDescriptorToStringSecurityDescriptorW",
        Pointer.class, int.class, int.class, PointerByReference.class, IntByReference.class);
    assertThat(m.getReturnType()).isEqualTo(boolean.class);
  }

  @Test
  void impersonateNamedPipeClientTakesThePipeHandle() throws Exception {
    assertThat(Advapi32Extra.class.getMethod("ImpersonateNamedPipeClient", com.sun.jna.platform.win32.WinNT.HANDLE.class)
        .getReturnType()).isEqualTo(boolean.class);
  }
}
