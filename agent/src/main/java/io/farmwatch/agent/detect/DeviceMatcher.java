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
      String text = (nz(usb.manufacturer()) + " " + nz(usb.product())).toLowerCase(Locale.ROOT);
      device(index.catalog.ipKvm(), index.kvmByUsb.get(id), text, FindingKind.IP_KVM, Severity.HIGH, findings,
          observation("usbId", id, "manufacturer", usb.manufacturer(), "product", usb.product(),
              "serial", usb.serial(), "location", usb.location()), "USB device " + id);
      device(index.catalog.mouseJigglers(), index.jigglerByUsb.get(id), text, FindingKind.MOUSE_JIGGLER,
          Severity.HIGH, findings, observation("usbId", id, "manufacturer", usb.manufacturer(),
              "product", usb.product(), "location", usb.location()), "USB device " + id);
    }
    for (InputDevice in : p.inputDevices() == null ? List.<InputDevice>of() : p.inputDevices()) {
      String id = in.vendorId() + ":" + in.productId();
      String text = nz(in.name()).toLowerCase(Locale.ROOT);
      DeviceEntry kvm = "usb".equals(in.bus()) ? index.kvmByUsb.get(id) : null;
      device(index.catalog.ipKvm(), kvm, text, FindingKind.IP_KVM, Severity.HIGH, findings,
          observation("inputDevice", in.name(), "usbId", id, "bus", in.bus(), "path", in.path()),
          "input device '" + in.name() + "'");
      device(index.catalog.mouseJigglers(), "usb".equals(in.bus()) ? index.jigglerByUsb.get(id) : null, text,
          FindingKind.MOUSE_JIGGLER, Severity.HIGH, findings,
          observation("inputDevice", in.name(), "usbId", id, "bus", in.bus(), "path", in.path()),
          "input device '" + in.name() + "'");
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

  /** A device matches by its exact USB ID, or by a catalog string in its descriptors. */
  private static void device(List<DeviceEntry> entries, DeviceEntry byId, String text, FindingKind kind,
      Severity severity, Findings findings, java.util.Map<String, Object> evidence, String what) {
    DeviceEntry hit = byId;
    String how = "its USB ID";
    if (hit == null && !text.isBlank()) {
      for (DeviceEntry e : entries) {
        if (e.strings().stream().anyMatch(text::contains)) {
          hit = e;
          how = "its name";
          break;
        }
      }
    }
    if (hit != null) {
      findings.add(kind, hit.name(), severity, evidence, what + " matches " + hit.name() + " by " + how);
    }
  }

  private static java.util.Map<String, Object> displayEvidence(DisplayInfo d) {
    return observation("connector", d.connector(), "edidManufacturer", d.manufacturerId(),
        "edidProduct", d.productCode(), "edidName", d.productName(), "edidSerial", d.serial());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
