package io.farmwatch.agent.platform.windows.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityDescriptorsTest {

  @Test
  void aSessionPipeAdmitsItsUserAndTheServiceAndInheritsNothing() {
    assertThat(SecurityDescriptors.sessionPipe("S-1-5-21-3623811015-3361044348-30300820-1013"))
        .isEqualTo("D:P(A;;FA;;;SY)(A;;GRGW;;;S-1-5-21-3623811015-3361044348-30300820-1013)");
    // An Entra ID (Azure AD) account on a cloud-joined laptop.
    assertThat(SecurityDescriptors.sessionPipe("S-1-12-1-1828863471-1146566433-2143316128-4133287212"))
        .endsWith("(A;;GRGW;;;S-1-12-1-1828863471-1146566433-2143316128-4133287212)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "S-1-1-0", // Everyone
      "S-1-5-18", // SYSTEM
      "S-1-5-32-545", // BUILTIN\\Users
      "S-1-5-11", // Authenticated Users
      "WD",
      "S-1-5-21-1-2-3-1001)(A;;GA;;;WD",
      "S-1-5-21-1-2-3-1001;",
      "s-1-5-21-1-2-3-1001",
      "",
      "S-1-5-21-1-2"})
  void aPipeIsNeverOpenedToAGroupAWellKnownSidOrAnInjectedAce(String sid) {
    assertThatThrownBy(() -> SecurityDescriptors.sessionPipe(sid))
        .isInstanceOf(SecurityDescriptors.NotAUserSidException.class)
        .hasMessageContaining("not a user account's SID");
  }

  @Test
  void aNullSidIsRefusedWithTheSameError() {
    assertThatThrownBy(() -> SecurityDescriptors.sessionPipe(null)).isInstanceOf(SecurityDescriptors.NotAUserSidException.class);
  }

  @Test
  void theSettingsFileDescriptorAdmitsOnlyTheService() {
    assertThat(SecurityDescriptors.SETTINGS_FILE).isEqualTo("D:P(A;;FA;;;SY)(A;;FA;;;BA)");
    assertThat(SecurityDescriptors.admitsOnlyService(SecurityDescriptors.SETTINGS_FILE)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "D:PAI(A;;FA;;;SY)(A;;FA;;;BA)",
      "O:SYG:SYD:PAI(A;;FA;;;S-1-5-18)(A;;0x1200a9;;;S-1-5-32-544)",
      "D:P(A;;FA;;;SY)(D;;FA;;;WD)(A;;FA;;;BA)",
      "D:P"})
  void aReadBackDaclOfOnlySystemAndAdministratorsPasses(String sddl) {
    assertThat(SecurityDescriptors.admitsOnlyService(sddl)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // What a file created under ProgramData inherits: Users may read it.
      "D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)",
      "D:P(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;BU)",
      "D:PAI(A;;FA;;;SY)(A;;FR;;;WD)",
      "D:P(A;;FA;;;SY)(A;;GRGW;;;S-1-5-21-1-2-3-1001)",
      "D:NO_ACCESS_CONTROL",
      "O:SYG:SY",
      "D:P(A;;FA)"})
  void anythingElseFailsTheCheck(String sddl) {
    assertThat(SecurityDescriptors.admitsOnlyService(sddl)).isFalse();
  }

  @Test
  void noDescriptorAtAllFailsTheCheck() {
    assertThat(SecurityDescriptors.admitsOnlyService(null)).isFalse();
  }
}
