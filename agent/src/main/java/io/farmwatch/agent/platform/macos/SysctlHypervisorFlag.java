package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.hardware.HypervisorFlag;
import java.util.List;
import java.util.Optional;

/**
 * macOS: {@code sysctl -n kern.hv_vmm_present}, 1 when the kernel runs under a hypervisor (Apple's
 * Virtualization framework, VMware, Parallels, UTM), 0 on bare metal. Macs older than macOS 11 lack
 * the key: sysctl then fails and the field is reported unavailable.
 */
public final class SysctlHypervisorFlag implements HypervisorFlag {

  static final List<String> COMMAND = List.of("sysctl", "-n", "kern.hv_vmm_present");
  static final String FIELD = "hardware.virtualization.hypervisorCpuFlag";

  private final CommandRunner commands;

  public SysctlHypervisorFlag(CommandRunner commands) {
    this.commands = commands;
  }

  @Override
  public Optional<String> indication(Missing missing) {
    CommandRunner.Output out = commands.run(COMMAND);
    if (!out.ok()) {
      missing.add(FIELD, String.join(" ", COMMAND), out.failure());
      return Optional.empty();
    }
    return switch (out.stdout().strip()) {
      case "1" -> Optional.of("the kernel reports a hypervisor (sysctl kern.hv_vmm_present = 1)");
      case "0" -> Optional.empty();
      default -> {
        missing.add(FIELD, String.join(" ", COMMAND), "unexpected output: " + abbreviated(out.stdout()));
        yield Optional.empty();
      }
    };
  }

  private static String abbreviated(String s) {
    String line = s.strip();
    return line.length() <= 40 ? "'" + line + "'" : "'" + line.substring(0, 40) + "...'";
  }
}
