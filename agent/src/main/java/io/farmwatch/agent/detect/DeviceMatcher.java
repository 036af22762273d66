package io.farmwatch.agent.detect;

import static io.farmwatch.agent.detect.Findings.observation;

import io.farmwatch.agent.detect.catalog.DeviceEntry;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.InputDevice;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.UsbDevice;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** IP-KVMs, HID gadgets and jigglers among USB and input devices; KVMs and virtual screens in EDID. */
final class DeviceMatcher {

  private final CatalogIndex index;

  DeviceMatcher(CatalogIndex index) {
    this.index = index;
  }

  void match(Report report, Findings findings) {
    if (report.peripherals() == null) {
      return;
    }
    var p = report.peripherals();
    for (UsbDevice usb : p.usb() == null ? List.<UsbDevice>of() : p.usb()) {
      String id = usb.vendorId() + ":" + usb.productId();
      Map<String, Object> evidence = observation("usbId", id, "manufacturer", usb.manufacturer(),
          "product", usb.product(), "serial", usb.serial(), "location", usb.location());
      report(identify(index.catalog.ipKvm(), index.kvmByUsb, id, usb.manufacturer(), usb.product(), usb.serial()),
          FindingKind.IP_KVM, evidence, "USB device " + id, findings);
      report(identify(index.catalog.mouseJigglers(), index.jigglerByUsb, id, usb.manufacturer(), usb.product(),
          usb.serial()), FindingKind.MOUSE_JIGGLER, evidence, "USB device " + id, findings);
    }
    for (InputDevice in : p.inputDevices() == null ? List.<InputDevice>of() : p.inputDevices()) {
      String id = in.vendorId() + ":" + in.productId();
      boolean usbBus = "usb".equals(in.bus());
      Map<String, Object> evidence = observation("inputDevice", in.name(), "usbId", id, "bus", in.bus(),
          "path", in.path());
      report(identifyInput(index.catalog.ipKvm(), usbBus ? index.kvmByUsb : Map.of(), id, in.name()),
          FindingKind.IP_KVM, evidence, "input device '" + in.name() + "'", findings);
      report(identifyInput(index.catalog.mouseJigglers(), usbBus ? index.jigglerByUsb : Map.of(), id, in.name()),
          FindingKind.MOUSE_JIGGLER, evidence, "input device '" + in.name() + "'", findings);
    }
    for (DisplayInfo d : p.displays() == null ? List.<DisplayInfo>of() : p.displays()) {
      String name = nz(d.productName()).toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      for (DeviceEntry kvm : index.catalog.ipKvm()) {
        if (kvm.edidNames().stream().anyMatch(n -> name.equals(n.toLowerCase(Locale.ROOT)))) {
          findings.add(FindingKind.IP_KVM, kvm.name(), Severity.HIGH, displayEvidence(d),
              "display '" + d.productName() + "' on " + d.connector() + " is an IP-KVM's capture input");
        }
      }
      for (DeviceEntry vd : index.catalog.virtualDisplays()) {
        if (vd.edidNames().stream().anyMatch(n -> name.equals(n.toLowerCase(Locale.ROOT)))) {
          findings.add(FindingKind.VIRTUAL_DISPLAY, vd.name(), Severity.MEDIUM, displayEvidence(d),
              "display '" + d.productName() + "' is a virtual or dummy screen, used to run headless under remote control");
        }
      }
    }
  }

  /** A catalog entry a device was identified as, and by what. */
  private record Hit(DeviceEntry entry, String how) {}

  /**
   * A USB device is identified by a family's descriptor values first (ID and strings), then by an
   * ID that belongs to one entry alone, then by a whole product or manufacturer string.
   */
  private static Hit identify(List<DeviceEntry> entries, Map<String, DeviceEntry> byId, String id,
      String manufacturer, String product, String serial) {
    for (DeviceEntry e : entries) {
      if (e.descriptors().stream().anyMatch(d -> d.matches(id, manufacturer, product, serial))) {
        return new Hit(e, "its USB ID and descriptor strings");
      }
    }
    DeviceEntry byUsb = byId.get(id);
    if (byUsb != null) {
      return new Hit(byUsb, "its USB ID");
    }
    String both = (nz(manufacturer) + " " + nz(product)).strip();
    return byString(entries, List.of(nz(manufacturer), nz(product), both));
  }

  /** An input device carries the USB ID and the name Linux makes of the descriptor strings. */
  private static Hit identifyInput(List<DeviceEntry> entries, Map<String, DeviceEntry> byId, String id, String name) {
    for (DeviceEntry e : entries) {
      if (e.descriptors().stream().anyMatch(d -> d.matchesInput(id, name))) {
        return new Hit(e, "its USB ID and device name");
      }
    }
    DeviceEntry byUsb = byId.get(id);
    return byUsb != null ? new Hit(byUsb, "its USB ID") : byString(entries, List.of(nz(name)));
  }

  private static Hit byString(List<DeviceEntry> entries, List<String> names) {
    for (DeviceEntry e : entries) {
      for (String s : e.strings()) {
        if (names.stream().anyMatch(n -> !n.isBlank() && n.strip().equalsIgnoreCase(s))) {
          return new Hit(e, "its name");
        }
      }
    }
    return null;
  }

  private static void report(Hit hit, FindingKind kind, Map<String, Object> evidence, String what,
      Findings findings) {
    if (hit != null) {
      findings.add(kind, hit.entry().name(), Severity.HIGH, evidence,
          what + " is " + hit.entry().name() + " (by " + hit.how() + ")");
    }
  }

  private static Map<String, Object> displayEvidence(DisplayInfo d) {
    return observation("connector", d.connector(), "edidManufacturer", d.manufacturerId(),
        "edidProduct", d.productCode(), "edidName", d.productName(), "edidSerial", d.serial());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
