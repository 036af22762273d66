package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.DeviceEntry;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.InputDevice;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.UsbDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * IP-KVM and gadget families from their recorded descriptors, and false alarms on every device of
 * Debian's usb.ids database (package usb.ids).
 */
class DeviceFamiliesTest {

  static final Detector DETECTOR = new Detector(Catalog.builtin(), Allowlist.NONE);
  static final Path USB_IDS = Path.of("/usr/share/misc/usb.ids");

  record Edid(String manufacturerId, String productCode, String name, String serial) {}

  record Recorded(String family, String source, String usb, String manufacturer, String product, String serial,
      Edid edid, String expect) {}

  static List<Recorded> recorded() throws IOException {
    try (InputStream in = DeviceFamiliesTest.class.getResourceAsStream("/devices/usb-descriptors.yaml")) {
      return new ObjectMapper(new YAMLFactory()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(in, new TypeReference<List<Recorded>>() {});
    }
  }

  static List<Finding> alarms(Peripherals peripherals) {
    return DETECTOR.detect(DetectorTest.report(List.of(), peripherals)).stream()
        .filter(f -> f.kind() == FindingKind.IP_KVM || f.kind() == FindingKind.MOUSE_JIGGLER).toList();
  }

  static UsbDevice usb(String id, String manufacturer, String product, String serial) {
    String[] vp = id.split(":");
    return new UsbDevice(vp[0], vp[1], manufacturer, product, serial, "1-1", "usb1");
  }

  static InputDevice input(String id, String name) {
    String[] vp = id.split(":");
    return new InputDevice(name, "usb", vp[0], vp[1], "/dev/input/event7", List.of("pointer"));
  }

  @Test
  void eachFamilyIsNamedFromItsRecordedDescriptorsAsAUsbDeviceAndAsItsInputNodes() throws IOException {
    List<Recorded> devices = recorded();
    assertThat(devices).extracting(Recorded::expect).contains("PiKVM", "TinyPilot", "BliKVM", "Sipeed NanoKVM",
        "a Linux USB gadget posing as keyboard and mouse");
    for (Recorded d : devices) {
      assertThat(d.source()).as(d.family()).isNotBlank();
      assertThat(alarms(new Peripherals(List.of(usb(d.usb(), d.manufacturer(), d.product(), d.serial())), List.of(),
          List.of()))).as(d.family() + " as a USB device").singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.IP_KVM);
            assertThat(f.name()).isEqualTo(d.expect());
            assertThat(f.reason()).contains("USB device " + d.usb() + " is " + d.expect());
          });
      String inputName = (d.manufacturer() + " " + d.product() + " Mouse").strip();
      assertThat(alarms(new Peripherals(List.of(), List.of(), List.of(input(d.usb(), inputName)))))
          .as(d.family() + " as input device '" + inputName + "'").singleElement()
          .satisfies(f -> assertThat(f.name()).isEqualTo(d.expect()));
      if (d.edid() != null) {
        Edid e = d.edid();
        assertThat(alarms(new Peripherals(List.of(),
            List.of(new DisplayInfo("HDMI-A-1", e.manufacturerId(), e.productCode(), e.name(), e.serial(), null, null)),
            List.of()))).as(d.family() + " EDID").singleElement().satisfies(f -> assertThat(f.name()).isEqualTo(d.expect()));
      }
    }
  }

  @Test
  void noEntryIsIdentifiedByAnIdAnotherEntryShares() {
    Catalog c = Catalog.builtin();
    List<String> ids = new ArrayList<>();
    for (DeviceEntry e : c.ipKvm()) {
      ids.addAll(e.usb());
    }
    for (DeviceEntry e : c.mouseJigglers()) {
      ids.addAll(e.usb());
    }
    assertThat(ids).doesNotHaveDuplicates();
    for (DeviceEntry e : c.ipKvm()) {
      assertThat(e.descriptors()).as(e.name()).allSatisfy(d -> {
        assertThat(d.usb()).isNotNull();
        assertThat(d.manufacturer() != null || d.product() != null).as("an ID and a string").isTrue();
      });
    }
  }

  /**
   * Every vendor:product of usb.ids that the catalog does not name by ID, presented with its
   * database names as the device's strings and as an input device's name, raises nothing.
   */
  @Test
  void noDeviceInUsbIdsRaisesAnIpKvmOrJigglerFinding() throws IOException {
    assertThat(USB_IDS).as("Debian package usb.ids (scripts/test-packages.txt)").exists();
    Set<String> known = new HashSet<>();
    Catalog c = Catalog.builtin();
    c.ipKvm().forEach(e -> known.addAll(e.usb()));
    c.mouseJigglers().forEach(e -> known.addAll(e.usb()));

    Pattern vendorLine = Pattern.compile("^([0-9a-f]{4})  (.*)$");
    Pattern productLine = Pattern.compile("^\t([0-9a-f]{4})  (.*)$");
    String vendor = null;
    String vendorName = null;
    int devices = 0;
    List<String> alarms = new ArrayList<>();
    for (String line : Files.readAllLines(USB_IDS, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      if (line.startsWith("C ")) {
        break; // device classes follow the vendor list
      }
      Matcher v = vendorLine.matcher(line);
      if (v.matches()) {
        vendor = v.group(1);
        vendorName = v.group(2);
        continue;
      }
      Matcher p = productLine.matcher(line);
      if (vendor == null || !p.matches()) {
        continue;
      }
      String id = vendor + ":" + p.group(1);
      if (known.contains(id)) {
        continue;
      }
      devices++;
      List<Finding> found = alarms(new Peripherals(List.of(usb(id, vendorName, p.group(2), null)), List.of(),
          List.of(input(id, vendorName + " " + p.group(2)))));
      if (!found.isEmpty()) {
        alarms.add(id + " " + vendorName + " / " + p.group(2) + " -> " + found.get(0).name());
      }
    }
    System.out.printf("usb.ids false alarms: %d of %d devices (%d catalog IDs left out)%n", alarms.size(), devices,
        known.size());
    assertThat(devices).isGreaterThan(20_000);
    assertThat(alarms).isEmpty();
  }
}
