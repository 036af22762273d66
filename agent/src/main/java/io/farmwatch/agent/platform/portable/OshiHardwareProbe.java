package io.farmwatch.agent.platform.portable;

import static io.farmwatch.agent.platform.portable.OshiValues.value;

import io.farmwatch.agent.probe.HardwareProbe;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.hardware.Fingerprint;
import io.farmwatch.agent.probe.hardware.HypervisorFlag;
import io.farmwatch.agent.probe.hardware.Hypervisors;
import io.farmwatch.agent.probe.network.Macs;
import io.farmwatch.protocol.report.DiskIdentity;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.NicIdentity;
import io.farmwatch.protocol.report.Virtualization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.hardware.ComputerSystem;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * Hardware identity through OSHI (SMBIOS via WMI on Windows, IOKit on macOS). Used on Windows and
 * macOS; it also runs on Linux, which is how it is tested here against the sysfs probe.
 */
public final class OshiHardwareProbe implements HardwareProbe {

  private final SystemInfo system;
  private final HypervisorFlag hypervisorFlag;

  public OshiHardwareProbe(SystemInfo system, HypervisorFlag hypervisorFlag) {
    this.system = system;
    this.hypervisorFlag = hypervisorFlag;
  }

  @Override
  public ProbeResult<HardwareIdentity> collect() {
    Missing missing = new Missing();
    HardwareAbstractionLayer hal = system.getHardware();
    ComputerSystem cs = hal.getComputerSystem();
    String src = "OSHI ComputerSystem";
    String vendor = value(cs.getManufacturer(), "hardware.vendor", src, missing);
    String model = value(cs.getModel(), "hardware.model", src, missing);
    String serial = value(cs.getSerialNumber(), "hardware.serial", src, missing);
    String uuid = value(cs.getHardwareUUID(), "hardware.hardwareUuid", src, missing);
    var board = cs.getBaseboard();
    String boardVendor = value(board.getManufacturer(), "hardware.baseboardVendor", src, missing);
    String boardModel = value(board.getModel(), "hardware.baseboardModel", src, missing);
    String boardSerial = value(board.getSerialNumber(), "hardware.baseboardSerial", src, missing);
    var fw = cs.getFirmware();
    String fwVendor = value(fw.getManufacturer(), "hardware.firmwareVendor", src, missing);
    String fwVersion = value(fw.getVersion(), "hardware.firmwareVersion", src, missing);
    String fwDate = value(fw.getReleaseDate(), "hardware.firmwareDate", src, missing);
    var cpu = hal.getProcessor().getProcessorIdentifier();
    String cpuVendor = value(cpu.getVendor(), "hardware.cpuVendor", "OSHI Processor", missing);
    String cpuModel = value(cpu.getName(), "hardware.cpuModel", "OSHI Processor", missing);
    String cpuId = value(cpu.getProcessorID(), "hardware.cpuIdentifier", "OSHI Processor", missing);
    List<DiskIdentity> disks = new ArrayList<>();
    for (HWDiskStore d : hal.getDiskStores()) {
      disks.add(new DiskIdentity(d.getName(),
          value(d.getModel(), "hardware.disks[" + d.getName() + "].model", "OSHI HWDiskStore", missing),
          value(d.getSerial(), "hardware.disks[" + d.getName() + "].serial", "OSHI HWDiskStore", missing),
          d.getSize() > 0 ? d.getSize() : null));
    }
    List<NicIdentity> nics = new ArrayList<>();
    for (NetworkIF nif : hal.getNetworkIFs(false)) {
      String mac = Macs.normalize(nif.getMacaddr());
      if (mac != null) {
        // OSHI exposes the current MAC only; the burned-in one is not available through it.
        nics.add(new NicIdentity(nif.getName(), Macs.locallyAdministered(mac) ? null : mac, mac,
            Macs.locallyAdministered(mac)));
      }
    }
    List<String> indications = new ArrayList<>();
    Optional<String> flag = hypervisorFlag.indication(missing);
    flag.ifPresent(indications::add);
    String hypervisor = null;
    for (String s : new String[] {vendor, model, fwVendor, boardVendor}) {
      String named = Hypervisors.named(s);
      if (named != null) {
        indications.add("firmware names '" + s + "' (" + named + ")");
        hypervisor = hypervisor == null ? named : hypervisor;
      }
    }
    return missing.result(new HardwareIdentity(vendor, model, serial, uuid, boardVendor, boardModel, boardSerial,
        fwVendor, fwVersion, fwDate, cpuVendor, cpuModel, cpuId, disks, nics,
        Fingerprint.of(vendor, model, serial, uuid, boardSerial, cpuId, disks, nics),
        new Virtualization(flag.isPresent(), hypervisor, indications)));
  }
}
