package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.Unavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes pointed at a fake system root: missing and broken sources become reasons, not crashes. */
class UnreadableSourcesTest {

  @TempDir Path root;

  @Test
  void hardwareReportsWhatItReadAndWhyTheRestIsMissing() throws Exception {
    Path dmi = Files.createDirectories(root.resolve("sys/class/dmi/id"));
    Files.writeString(dmi.resolve("sys_vendor"), "LENOVO\n");
    Files.writeString(dmi.resolve("product_name"), "20XW0026US\n");
    Files.writeString(dmi.resolve("product_serial"), "To be filled by O.E.M.\n");
    Files.createDirectory(dmi.resolve("board_serial")); // a directory where a file should be: unreadable
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(root.resolve("proc/cpuinfo"), "vendor_id\t: GenuineIntel\nmodel name\t: QEMU Virtual CPU\nflags\t\t: fpu hypervisor sse2\n\n");

    var result = new LinuxHardwareProbe(new SystemFiles(root)).collect();

    assertThat(result.value().vendor()).isEqualTo("LENOVO");
    assertThat(result.value().serial()).isNull();
    assertThat(result.value().virtualization().hypervisorCpuFlag()).isTrue();
    assertThat(result.unavailable()).extracting(Unavailable::field)
        .contains("hardware.serial", "hardware.hardwareUuid", "hardware.baseboardSerial");
    assertThat(result.unavailable()).filteredOn(u -> u.field().equals("hardware.serial"))
        .singleElement().satisfies(u -> assertThat(u.reason()).contains("placeholder"));
    assertThat(result.unavailable()).filteredOn(u -> u.field().equals("hardware.baseboardSerial"))
        .singleElement().satisfies(u -> assertThat(u.reason()).startsWith("unreadable"));
    assertThat(result.value().fingerprint()).matches("[0-9a-f]{64}");
  }

  @Test
  void emptyRootGivesReasonsForEverySection() {
    SystemFiles files = new SystemFiles(root);
    assertThat(new LinuxProcessProbe(files, false).collect().unavailable()).extracting(Unavailable::field)
        .contains("processes");
    assertThat(new LinuxPeripheralProbe(files).collect().unavailable()).extracting(Unavailable::field)
        .contains("peripherals.usb", "peripherals.displays", "peripherals.inputDevices");
    assertThat(new LinuxLocaleProbe(files, Map.of()).collect().unavailable()).extracting(Unavailable::field)
        .contains("locale.timezone", "locale.systemLocale", "locale.keyboardLayouts");
  }

  @Test
  void aFailingProbeCostsOnlyItsOwnSection() {
    ProbeSet real = LinuxPlatform.probes(new SystemFiles(Path.of("/")), new CommandRunner(), false, Clock.systemUTC());
    ProbeSet broken = new ProbeSet(real.hardware(), () -> {
      throw new IllegalStateException("netlink exploded");
    }, real.processes(), real.peripherals(), real.locale());
    var report = new ReportAssembler(Clock.systemUTC(), broken, io.farmwatch.agent.detect.DetectorFactory.create(java.util.List.of(), java.util.List.of())).assemble(null, 1);
    assertThat(report.network()).isNull();
    assertThat(report.processes()).isNotEmpty();
    assertThat(report.unavailable()).anySatisfy(u -> {
      assertThat(u.field()).isEqualTo("network");
      assertThat(u.reason()).contains("netlink exploded");
    });
  }

  @Test
  void missingCommandsAreReasonsToo() {
    CommandRunner noTools = new CommandRunner() {
      @Override
      public Output run(java.util.List<String> command) {
        return super.run(java.util.List.of("/nonexistent/" + command.get(0)));
      }
    };
    var result = new io.farmwatch.agent.platform.linux.LinuxNetworkProbe(new SystemFiles(root), noTools).collect();
    assertThat(result.unavailable()).extracting(Unavailable::field)
        .contains("network.interfaces", "network.routes", "network.neighbors", "network.dnsServers");
  }

  @Test
  void fcitxHangulIsReportedAsAnInputMethod() throws Exception {
    Files.createDirectories(root.resolve("usr/share/fcitx5/inputmethod"));
    Files.writeString(root.resolve("usr/share/fcitx5/inputmethod/hangul.conf"), "[InputMethod]\n");
    Path profile = Files.createDirectories(root.resolve("home/alice/.config/fcitx5"));
    Files.writeString(profile.resolve("profile"), "[Groups/0]\nName=Default\nDefaultIM=hangul\n[Groups/0/Items/0]\nName=keyboard-us\n[Groups/0/Items/1]\nName=hangul\n");
    var locale = new LinuxLocaleProbe(new SystemFiles(root), Map.of("TZ", "Asia/Seoul")).collect().value();
    assertThat(locale.inputMethods()).contains("fcitx5:hangul", "fcitx5:keyboard-us");
    assertThat(locale.activeInputMethod()).isEqualTo("fcitx5:hangul");
    assertThat(locale.timezone()).isEqualTo("Asia/Seoul");
    assertThat(locale.utcOffsetMinutes()).isEqualTo(540);
  }
}
