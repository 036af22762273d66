package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.PeripheralProbe;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.peripheral.Edid;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.InputDevice;
import io.farmwatch.protocol.report.Peripherals;
import io.farmwatch.protocol.report.UsbDevice;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** USB devices from sysfs, displays from DRM EDID blobs, input devices from procfs. */
public final class LinuxPeripheralProbe implements PeripheralProbe {

  private final SystemFiles files;

  public LinuxPeripheralProbe(SystemFiles files) {
    this.files = files;
  }

  @Override
  public ProbeResult<Peripherals> collect() {
    Missing missing = new Missing();
    List<InputDevice> inputs = null;
    String proc = files.read("/proc/bus/input/devices").orElse(null);
    if (proc == null) {
      missing.add("peripherals.inputDevices", "/proc/bus/input/devices", "not present or unreadable");
    } else {
      inputs = InputDevices.parse(proc);
    }
    return missing.result(new Peripherals(usb(missing), displays(missing), inputs));
  }

  private List<UsbDevice> usb(Missing missing) {
    Path dir = files.path("/sys/bus/usb/devices");
    if (!Files.isDirectory(dir)) {
      missing.add("peripherals.usb", "/sys/bus/usb/devices", "no USB bus on this machine");
      return List.of();
    }
    List<UsbDevice> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String location = entry.getFileName().toString();
        String base = "/sys/bus/usb/devices/" + location;
        String vendor = files.read(base + "/idVendor").orElse(null);
        if (vendor == null) {
          continue; // an interface, not a device
        }
        out.add(new UsbDevice(vendor.toLowerCase(Locale.ROOT),
            files.read(base + "/idProduct").map(s -> s.toLowerCase(Locale.ROOT)).orElse(null),
            files.read(base + "/manufacturer").orElse(null), files.read(base + "/product").orElse(null),
            files.read(base + "/serial").orElse(null), location, parent(location)));
      }
    } catch (IOException e) {
      missing.add("peripherals.usb", "/sys/bus/usb/devices", "cannot list: " + e.getMessage());
    }
    out.sort((a, b) -> a.location().compareTo(b.location()));
    return out;
  }

  /** {@code 1-2.3} hangs from {@code 1-2}, {@code 1-2} from root hub {@code usb1}. */
  static String parent(String location) {
    if (location.startsWith("usb")) {
      return null;
    }
    int dot = location.lastIndexOf('.');
    if (dot > 0) {
      return location.substring(0, dot);
    }
    int dash = location.indexOf('-');
    return dash > 0 ? "usb" + location.substring(0, dash) : null;
  }

  private List<DisplayInfo> displays(Missing missing) {
    Path drm = files.path("/sys/class/drm");
    if (!Files.isDirectory(drm)) {
      missing.add("peripherals.displays", "/sys/class/drm", "no DRM graphics driver loaded");
      return List.of();
    }
    List<DisplayInfo> out = new ArrayList<>();
    try (DirectoryStream<Path> connectors = Files.newDirectoryStream(drm, p -> p.getFileName().toString().contains("-"))) {
      for (Path c : connectors) {
        String name = c.getFileName().toString();
        byte[] edid = files.bytes("/sys/class/drm/" + name + "/edid");
        if (edid.length == 0) {
          continue; // nothing connected
        }
        String connector = name.substring(name.indexOf('-') + 1);
        try {
          out.add(Edid.parse(connector, edid));
        } catch (Edid.InvalidEdidException e) {
          missing.add("peripherals.displays[" + connector + "]", "/sys/class/drm/" + name + "/edid", e.getMessage());
        }
      }
    } catch (IOException e) {
      missing.add("peripherals.displays", "/sys/class/drm", "cannot list: " + e.getMessage());
    }
    return out;
  }
}
