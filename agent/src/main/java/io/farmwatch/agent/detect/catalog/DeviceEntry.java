package io.farmwatch.agent.detect.catalog;

import java.util.List;

/**
 * A device or driver: IP-KVM, HID gadget, mouse jiggler or virtual display.
 *
 * @param usb {@code vendor:product} IDs in lower-case hex
 * @param strings lower-case fragments of USB or HID product/manufacturer strings
 * @param edidNames monitor names the device announces in its EDID
 * @param exe software variants (jiggler programs), matched like tool executables
 */
public record DeviceEntry(
    String name, List<String> usb, List<String> strings, List<String> edidNames, List<String> exe) {

  public DeviceEntry {
    usb = usb == null ? List.of() : List.copyOf(usb);
    strings = strings == null ? List.of() : List.copyOf(strings);
    edidNames = edidNames == null ? List.of() : List.copyOf(edidNames);
    exe = exe == null ? List.of() : List.copyOf(exe);
  }
}
