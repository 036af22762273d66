package io.farmwatch.agent.platform.portable;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.PeripheralProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.peripheral.Edid;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.UsbDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.Display;

/**
 * USB devices and displays through OSHI (Windows and macOS). Input devices are not listed on those
 * systems yet; the report says so.
 */
public final class OshiPeripheralProbe implements PeripheralProbe {

  private final SystemInfo system;

  public OshiPeripheralProbe(SystemInfo system) {
    this.system = system;
  }

  @Override
  public ProbeResult<Peripherals> collect() {
    Missing missing = new Missing();
    List<UsbDevice> usb = new ArrayList<>();
    for (oshi.hardware.UsbDevice root : system.getHardware().getUsbDevices(true)) {
      walk(root, null, usb);
    }
    List<DisplayInfo> displays = new ArrayList<>();
    int i = 0;
    for (Display d : system.getHardware().getDisplays()) {
      String connector = "display" + i++;
      try {
        displays.add(Edid.parse(connector, d.getEdid()));
      } catch (Edid.InvalidEdidException e) {
        missing.add("peripherals.displays[" + connector + "]", "OSHI Display EDID", e.getMessage());
      }
    }
    missing.add("peripherals.inputDevices", "this platform", "input devices are listed on Linux only in this release");
    return missing.result(new Peripherals(usb, displays, null));
  }

  private static void walk(oshi.hardware.UsbDevice d, String parent, List<UsbDevice> out) {
    String location = d.getUniqueDeviceId();
    if (d.getVendorId() != null && !d.getVendorId().isBlank()) {
      out.add(new UsbDevice(d.getVendorId().toLowerCase(Locale.ROOT), d.getProductId().toLowerCase(Locale.ROOT),
          blank(d.getVendor()), blank(d.getName()), blank(d.getSerialNumber()), location, parent));
    }
    for (oshi.hardware.UsbDevice child : d.getConnectedDevices()) {
      walk(child, location, out);
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
