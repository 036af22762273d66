package io.farmwatch.agent.platform.windows;

import com.sun.jna.platform.win32.COM.WbemcliUtil.WmiQuery;
import com.sun.jna.platform.win32.COM.WbemcliUtil.WmiResult;
import io.farmwatch.agent.probe.Missing;
import java.util.Optional;
import oshi.util.platform.windows.WmiQueryHandler;

/**
 * Windows' own answer to "does a hypervisor run this machine?": {@code Win32_ComputerSystem.HypervisorPresent}
 * (Windows 8 and later), read through OSHI's WMI handler, instead of the hard-coded false the
 * hardware probe reported on Windows before. True on a guest VM, and also on a host running Hyper-V,
 * VBS or WSL 2 (Windows itself then runs on the hypervisor), which is why it is an indication beside
 * the firmware strings, not a verdict. Never run on Windows: the WMI call is untested here; the
 * mapping of its value is tested on values of the type JNA gives for a CIM boolean.
 */
public final class WmiHypervisorPresent {

  static final String FIELD = "hardware.virtualization.hypervisorCpuFlag";
  static final String SOURCE = "WMI Win32_ComputerSystem.HypervisorPresent";

  private enum ComputerSystemProperty { HYPERVISORPRESENT }

  /** The indication when Windows reports a hypervisor; empty otherwise (and {@code missing} says why, if unread). */
  public Optional<String> indication(Missing missing) {
    Object value;
    try {
      WmiResult<ComputerSystemProperty> result = WmiQueryHandler.createInstance()
          .queryWMI(new WmiQuery<>("Win32_ComputerSystem", ComputerSystemProperty.class));
      value = result.getResultCount() < 1 ? null : result.getValue(ComputerSystemProperty.HYPERVISORPRESENT, 0);
    } catch (RuntimeException | LinkageError e) {
      missing.add(FIELD, SOURCE, "WMI query failed: " + e.getMessage());
      return Optional.empty();
    }
    return indication(value, missing);
  }

  static Optional<String> indication(Object value, Missing missing) {
    if (value instanceof Boolean present) {
      return present ? Optional.of("Windows reports a hypervisor (" + SOURCE + " = True)") : Optional.empty();
    }
    missing.add(FIELD, SOURCE, value == null ? "not reported (the property exists from Windows 8)"
        : "unexpected value of type " + value.getClass().getSimpleName());
    return Optional.empty();
  }
}
