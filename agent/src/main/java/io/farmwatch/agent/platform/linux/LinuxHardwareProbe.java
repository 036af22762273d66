package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.HardwareProbe;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.hardware.Fingerprint;
import io.farmwatch.agent.probe.hardware.Hypervisors;
import io.farmwatch.agent.probe.network.Macs;
import io.farmwatch.protocol.report.DiskIdentity;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.Virtualization;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hardware identity from sysfs (DMI tables, block devices, NICs) and {@code /proc/cpuinfo}. Several
 * DMI serials are readable by root only; as a service the agent runs as root.
 */
public final class LinuxHardwareProbe implements HardwareProbe {

  private final SystemFiles files;

  public LinuxHardwareProbe(SystemFiles files) {
    this.files = files;
  }

  @Override
  public ProbeResult<HardwareIdentity> collect() {
    Missing missing = new Missing();
    String dmi = "/sys/class/dmi/id/";
    String vendor = files.read(dmi + "sys_vendor", "hardware.vendor", missing);
    String model = files.read(dmi + "product_name", "hardware.model", missing);
    String serial = files.read(dmi + "product_serial", "hardware.serial", missing);
    String uuid = files.read(dmi + "product_uuid", "hardware.hardwareUuid", missing);
    String boardVendor = files.read(dmi + "board_vendor", "hardware.baseboardVendor", missing);
    String boardModel = files.read(dmi + "board_name", "hardware.baseboardModel", missing);
    String boardSerial = files.read(dmi + "board_serial", "hardware.baseboardSerial", missing);
    String biosVendor = files.read(dmi + "bios_vendor", "hardware.firmwareVendor", missing);
    String biosVersion = files.read(dmi + "bios_version", "hardware.firmwareVersion", missing);
    String biosDate = files.read(dmi + "bios_date", "hardware.firmwareDate", missing);

    Map<String, String> cpu = cpuInfo();
    if (cpu.isEmpty()) {
      missing.add("hardware.cpuModel", "/proc/cpuinfo", "not present or unreadable");
    }
    String cpuIdentifier = cpu.containsKey("cpu family")
        ? "family " + cpu.get("cpu family") + " model " + cpu.get("model") + " stepping " + cpu.get("stepping")
        : null;
    List<DiskIdentity> disks = disks(missing);
    List<NicIdentity> nics = nics();
    boolean hypervisorFlag = (" " + cpu.getOrDefault("flags", "") + " ").contains(" hypervisor ");
    List<String> indications = new ArrayList<>();
    if (hypervisorFlag) {
      indications.add("CPU reports the hypervisor-present flag (/proc/cpuinfo)");
    }
    String hypervisor = null;
    for (String[] source : new String[][] {{"sys_vendor", vendor}, {"product_name", model},
        {"bios_vendor", biosVendor}, {"board_vendor", boardVendor}}) {
      String named = Hypervisors.named(source[1]);
      if (named != null) {
        indications.add("DMI " + source[0] + " is '" + source[1] + "' (" + named + ")");
        hypervisor = hypervisor == null ? named : hypervisor;
      }
    }
    String xen = files.read("/sys/hypervisor/type").orElse(null);
    if (xen != null) {
      indications.add("/sys/hypervisor/type is '" + xen + "'");
      hypervisor = hypervisor == null ? Hypervisors.named(xen) : hypervisor;
    }
    return missing.result(new HardwareIdentity(vendor, model, serial, uuid, boardVendor, boardModel,
        boardSerial, biosVendor, biosVersion, biosDate, cpu.get("vendor_id"), cpu.get("model name"),
        cpuIdentifier, disks, nics,
        Fingerprint.of(vendor, model, serial, uuid, boardSerial, cpuIdentifier, disks, nics),
        new Virtualization(hypervisorFlag, hypervisor, indications)));
  }

  /** The first processor's block of /proc/cpuinfo. */
  private Map<String, String> cpuInfo() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : files.read("/proc/cpuinfo").orElse("").split("\n")) {
      if (line.isBlank() && !out.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        out.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  private List<DiskIdentity> disks(Missing missing) {
    List<DiskIdentity> disks = new ArrayList<>();
    try (DirectoryStream<Path> blocks = Files.newDirectoryStream(files.path("/sys/block"))) {
      for (Path block : blocks) {
        String name = block.getFileName().toString();
        if (name.matches("(loop|ram|zram|dm-|md|sr|nbd).*")) {
          continue;
        }
        String base = "/sys/block/" + name;
        String model = files.read(base + "/device/model").orElse(null);
        String serial = files.read(base + "/device/serial").or(() -> files.read(base + "/serial")).orElse(null);
        if (serial == null) {
          missing.add("hardware.disks[" + name + "].serial", base + "/device/serial",
              "the disk driver does not expose a serial number in sysfs");
        }
        Long size = files.read(base + "/size").map(s -> Long.parseLong(s) * 512).orElse(null);
        disks.add(new DiskIdentity(name, model, serial, size));
      }
    } catch (IOException | RuntimeException e) {
      missing.add("hardware.disks", "/sys/block", "cannot list block devices: " + e.getMessage());
    }
    return disks;
  }

  /** Physical NICs only: those backed by a device in sysfs. */
  private List<NicIdentity> nics() {
    List<NicIdentity> nics = new ArrayList<>();
    try (DirectoryStream<Path> links = Files.newDirectoryStream(files.path("/sys/class/net"))) {
      for (Path link : links) {
        String name = link.getFileName().toString();
        if (!Files.exists(link.resolve("device"))) {
          continue;
        }
        String current = files.read("/sys/class/net/" + name + "/address").map(Macs::normalize).orElse(null);
        String assign = files.read("/sys/class/net/" + name + "/addr_assign_type").orElse("");
        nics.add(new NicIdentity(name, assign.equals("0") ? current : null, current,
            Macs.locallyAdministered(current)));
      }
    } catch (IOException e) {
      return nics;
    }
    nics.sort((a, b) -> a.name().compareTo(b.name()));
    return nics;
  }
}
