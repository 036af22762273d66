package io.farmwatch.agent.platform.portable;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.platform.linux.LinuxHardwareProbe;
import io.farmwatch.agent.platform.linux.SystemFiles;
import io.farmwatch.agent.probe.hardware.HypervisorFlag;
import io.farmwatch.protocol.report.Unavailable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/**
 * The OSHI-based probes that serve Windows and macOS run here on Linux too, so they are checked
 * live against the sysfs/procfs probes and the JDK.
 */
class OshiProbesLiveTest {

  static final SystemInfo SYSTEM = new SystemInfo();

  @Test
  void oshiHardwareAgreesWithSysfsOrSaysWhyNot() {
    var oshi = new OshiHardwareProbe(SYSTEM, HypervisorFlag.NOT_READ).collect();
    var sysfs = new LinuxHardwareProbe(new SystemFiles(Path.of("/"))).collect();
    assertThat(oshi.value().cpuVendor()).isEqualTo(sysfs.value().cpuVendor());
    if (sysfs.value().vendor() != null) {
      assertThat(oshi.value().vendor()).isEqualTo(sysfs.value().vendor());
    } else {
      assertThat(oshi.unavailable()).extracting(Unavailable::field).contains("hardware.vendor");
    }
    assertThat(oshi.unavailable()).allSatisfy(u -> assertThat(u.reason()).doesNotContain("null"));
    assertThat(oshi.value().fingerprint()).matches("[0-9a-f]{64}");
  }

  @Test
  void oshiProcessesIncludeThisJvmByPathWithAHashedCommandLine() {
    var processes = new OshiProcessProbe(SYSTEM, false).collect().value();
    long self = ProcessHandle.current().pid();
    var me = processes.stream().filter(p -> p.pid() == self).findFirst().orElseThrow();
    assertThat(me.path()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    assertThat(me.commandLineHash()).matches("[0-9a-f]{64}");
    assertThat(me.commandLine()).isNull();
    assertThat(new OshiProcessProbe(SYSTEM, true).collect().value().stream()
        .filter(p -> p.pid() == self).findFirst().orElseThrow().commandLine()).contains("java");
  }
}
