package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.InputDevice;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.UsbDevice;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matchers on constructed reports, for what this machine cannot show (USB gadgets, EDIDs). */
class DetectorTest {

  static final Catalog CATALOG = Catalog.builtin();

  static Report report(List<ProcessInfo> processes, Peripherals peripherals) {
    return new Report(1, new DeviceInfo(null, "t", 1, Instant.now(), "h", null), null, null, processes,
        peripherals, null, null, null, List.of(), List.of());
  }

  @Test
  void catalogHasTheWholeFieldNotJustTheFamousTools() {
    assertThat(CATALOG.remoteAccess()).hasSizeGreaterThan(150);
    assertThat(CATALOG.vpn()).hasSizeGreaterThan(40);
    assertThat(CATALOG.ipKvm()).extracting(d -> d.name())
        .contains("PiKVM", "TinyPilot", "BliKVM", "JetKVM", "Sipeed NanoKVM", "GL.iNet Comet (GL-RM1)");
  }

  @Test
  void aPiKvmGadgetIsFoundByUsbIdAndByItsEdidName() {
    Report r = report(List.of(), new Peripherals(
        List.of(new UsbDevice("1d6b", "0104", "PiKVM", "Composite KVM Device", "CAFEBABE", "1-1", "usb1")),
        List.of(new DisplayInfo("HDMI-A-1", "LNX", "0000", "PiKVM V4 Mini", null, null, null)), List.of()));
    var findings = new Detector(CATALOG, Allowlist.NONE).detect(r);
    assertThat(findings).filteredOn(f -> f.kind() == FindingKind.IP_KVM).isNotEmpty()
        .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(findings.toString()).contains("usbId=1d6b:0104").contains("edidName=PiKVM V4 Mini");
  }

  @Test
  void jigglersAreFoundAsUsbDevicesInputDevicesAndPrograms() {
    Report r = report(List.of(new ProcessInfo(77, 1, "MouseJiggler.exe", "C:\\Tools\\MouseJiggler.exe",
            null, null, "bob", null)),
        new Peripherals(List.of(new UsbDevice("0e8f", "00a7", null, "Mouse Jiggler", null, "1-3", "usb1")), List.of(),
            List.of(new InputDevice("Vaydeer Mouse Jiggler", "usb", "0c45", "7403", "/dev/input/event9", List.of("pointer")))));
    var findings = new Detector(CATALOG, Allowlist.NONE).detect(r);
    assertThat(findings).filteredOn(f -> f.kind() == FindingKind.MOUSE_JIGGLER).hasSizeGreaterThanOrEqualTo(2);
    assertThat(findings.toString()).contains("usbId=0e8f:00a7").contains("pid=77");
  }

  @Test
  void allowlistedToolsBecomeInformational() {
    Report r = report(List.of(new ProcessInfo(5, 1, "ninjarmmagent", "/opt/NinjaRMMAgent/ninjarmmagent",
        null, null, "root", null)), null);
    var allow = new Allowlist(List.of(new Allowlist.Entry("NinjaOne", "/opt/ninjarmmagent/*", null)));
    var findings = new Detector(CATALOG, allow).detect(r);
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.ALLOWED_TOOL);
      assertThat(f.severity()).isEqualTo(Severity.INFO);
    });
    assertThat(new Detector(CATALOG, Allowlist.NONE).detect(r)).singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_ACCESS));
  }

  @Test
  void aTruncatedCommMatchesOnlyWhenThePathIsUnreadable() {
    // Linux cuts "remoting_host_daemon" to "remoting_host_d" in comm.
    Report unreadable = report(List.of(new ProcessInfo(9, 1, "remoting_host_d", null, null, null, "u", null)), null);
    assertThat(new Detector(CATALOG, Allowlist.NONE).detect(unreadable)).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("Chrome Remote Desktop");
      assertThat(f.evidence().get("matchedOn")).isEqualTo("truncated name");
    });
    Report readable = report(List.of(new ProcessInfo(9, 1, "remoting_host_d", "/usr/bin/something-else",
        null, null, "u", null)), null);
    assertThat(new Detector(CATALOG, Allowlist.NONE).detect(readable)).isEmpty();
  }

  @Test
  void windowsExecutablesMatchWithOrWithoutExeAndAnyCase() {
    Report r = report(List.of(
        new ProcessInfo(1, 0, "AnyDesk.exe", "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe", null, null, "u", null),
        new ProcessInfo(2, 0, "TEAMVIEWER.EXE", "C:\\Program Files\\TeamViewer\\TEAMVIEWER.EXE", null, null, "u", null)),
        null);
    assertThat(new Detector(CATALOG, Allowlist.NONE).detect(r)).extracting(f -> f.name())
        .containsExactlyInAnyOrder("AnyDesk", "TeamViewer");
  }
}
