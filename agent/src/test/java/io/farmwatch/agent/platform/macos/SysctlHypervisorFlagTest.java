package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.protocol.report.Unavailable;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code sysctl -n kern.hv_vmm_present} prints the integer alone: 1 in a VM (macOS guests under
 * UTM and GitHub's hosted macOS runners report 1, kernelwernel/VMAware#444), 0 on a Mac's own
 * hardware; before macOS 11.3 the key does not exist and sysctl fails. sysctl cannot run here, so
 * its answers are given at the command boundary.
 */
class SysctlHypervisorFlagTest {

  private static List<Unavailable> read(CommandRunner.Output output, Optional<String> expected) {
    Missing missing = new Missing();
    CommandRunner sysctl = new CommandRunner() {
      @Override
      public Output run(List<String> command, boolean withStderr) {
        assertThat(command).isEqualTo(SysctlHypervisorFlag.COMMAND);
        return output;
      }
    };
    assertThat(new SysctlHypervisorFlag(sysctl).indication(missing)).isEqualTo(expected);
    return missing.result(null).unavailable();
  }

  @Test
  void oneIsAHypervisorZeroIsNone() {
    assertThat(read(new CommandRunner.Output(true, "1\n", null),
        Optional.of("the kernel reports a hypervisor (sysctl kern.hv_vmm_present = 1)"))).isEmpty();
    assertThat(read(new CommandRunner.Output(true, "0\n", null), Optional.empty())).isEmpty();
  }

  @Test
  void aMissingKeyOrAnUnexpectedAnswerIsReportedNotGuessed() {
    assertThat(read(new CommandRunner.Output(false, "", "sysctl -n kern.hv_vmm_present exited with 1"),
        Optional.empty())).singleElement().satisfies(u -> {
          assertThat(u.field()).isEqualTo("hardware.virtualization.hypervisorCpuFlag");
          assertThat(u.reason()).isEqualTo("sysctl -n kern.hv_vmm_present exited with 1");
        });
    assertThat(read(new CommandRunner.Output(true, "x".repeat(500), null), Optional.empty()))
        .singleElement().satisfies(u -> assertThat(u.reason()).startsWith("unexpected output: 'xxx").hasSizeLessThan(80));
  }
}
