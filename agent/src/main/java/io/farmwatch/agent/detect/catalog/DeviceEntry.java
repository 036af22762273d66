package io.farmwatch.agent.detect.catalog;

import java.util.List;

/**
 * A device or driver: IP-KVM, HID gadget, mouse jiggler or virtual display. All comparisons are
 * exact (case-insensitive): a fragment such as "usb video" or "aten" would flag ordinary webcams and
 * docks.
 *
 * @param usb {@code vendor:product} IDs that identify the entry by themselves (the family's own
 *     vendor ID, or the generic gadget IDs); never an ID another entry shares
 * @param strings whole USB product or manufacturer strings, or input-device names
 * @param edidNames monitor names the device announces in its EDID
 * @param exe software variants (jiggler programs), matched like tool executables
 * @param descriptors USB descriptor values that tell families with one shared ID apart
 */
public record DeviceEntry(
    String name, List<String> usb, List<String> strings, List<String> edidNames, List<String> exe,
    List<UsbDescriptor> descriptors) {

  public DeviceEntry {
    usb = usb == null ? List.of() : List.copyOf(usb);
    strings = strings == null ? List.of() : List.copyOf(strings);
    edidNames = edidNames == null ? List.of() : List.copyOf(edidNames);
    exe = exe == null ? List.of() : List.copyOf(exe);
    descriptors = descriptors == null ? List.of() : List.copyOf(descriptors);
  }
}
