package io.farmwatch.agent.probe.hardware;

import java.util.Locale;
import java.util.Map;

/** Names firmware gives away when the "laptop" is a virtual machine. */
public final class Hypervisors {

  private static final Map<String, String> MARKERS = Map.ofEntries(
      Map.entry("qemu", "QEMU/KVM"), Map.entry("kvm", "KVM"), Map.entry("vmware", "VMware"),
      Map.entry("virtualbox", "VirtualBox"), Map.entry("innotek", "VirtualBox"),
      Map.entry("parallels", "Parallels"), Map.entry("xen", "Xen"), Map.entry("bochs", "Bochs"),
      Map.entry("bhyve", "bhyve"), Map.entry("virtual machine", "Hyper-V"),
      Map.entry("amazon ec2", "Amazon EC2"), Map.entry("google compute engine", "Google Compute Engine"),
      Map.entry("utm", "UTM"), Map.entry("virtualmac", "Apple Virtualization"), Map.entry("firecracker", "Firecracker"), Map.entry("cloud hypervisor", "Cloud Hypervisor"));

  private Hypervisors() {}

  /** The hypervisor a firmware string names, or null. */
  public static String named(String firmwareString) {
    if (firmwareString == null) {
      return null;
    }
    String s = firmwareString.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : MARKERS.entrySet()) {
      if (s.equals(e.getKey()) || s.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
