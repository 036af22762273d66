package io.farmwatch.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.Missing;
import org.junit.jupiter.api.Test;

/**
 * The mapping of {@code Win32_ComputerSystem.HypervisorPresent} to the report. No recorded value was
 * found to replay; JNA hands a CIM boolean over as a {@link Boolean}. The WMI call itself has never
 * run on Windows.
 */
class WmiHypervisorPresentTest {

  @Test
  void trueIsAnIndicationNamingItsSource() {
    Missing missing = new Missing();
    assertThat(WmiHypervisorPresent.indication(Boolean.TRUE, missing))
        .hasValueSatisfying(s -> assertThat(s).contains("Win32_ComputerSystem.HypervisorPresent"));
    assertThat(missing.result("x").unavailable()).isEmpty();
  }

  @Test
  void falseIsNoIndicationAndNothingMissing() {
    Missing missing = new Missing();
    assertThat(WmiHypervisorPresent.indication(Boolean.FALSE, missing)).isEmpty();
    assertThat(missing.result("x").unavailable()).isEmpty();
  }

  @Test
  void absentOrOddValuesAreReportedUnavailable() {
    Missing missing = new Missing();
    assertThat(WmiHypervisorPresent.indication(null, missing)).isEmpty();
    assertThat(WmiHypervisorPresent.indication("TRUE", missing)).isEmpty();
    assertThat(missing.result("x").unavailable()).extracting(u -> u.field() + ": " + u.reason()).containsExactly(
        "hardware.virtualization.hypervisorCpuFlag: not reported (the property exists from Windows 8)",
        "hardware.virtualization.hypervisorCpuFlag: unexpected value of type String");
  }
}
