package io.farmwatch.agent.platform.windows.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.junit.jupiter.api.Test;

/** The agent's own advapi32 SDDL mappings have the documented shapes (sddl.h); they cannot be called here. */
class SddlMappingTest {

  @Test
  void stringToDescriptorTakesTheStringTheRevisionAndTwoOutParameters() throws Exception {
    var m = Sddl.class.getMethod("ConvertStringSecurityDescriptorToSecurityDescriptorW",
        WString.class, int.class, PointerByReference.class, IntByReference.class);
    assertThat(m.getReturnType()).isEqualTo(boolean.class);
    assertThat(Sddl.SDDL_REVISION_1).isEqualTo(1);
  }

  @Test
  void descriptorToStringTakesTheDescriptorTheRevisionTheInformationAndTwoOutParameters() throws Exception {
    var m = Sddl.class.getMethod("ConvertSecurityDescriptorToStringSecurityDescriptorW",
        Pointer.class, int.class, int.class, PointerByReference.class, IntByReference.class);
    assertThat(m.getReturnType()).isEqualTo(boolean.class);
  }
}
