package io.farmwatch.agent.detect;

import static io.farmwatch.agent.detect.Findings.observation;

import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;

/** An issued laptop that is really a virtual machine is a red flag of its own. */
final class VirtualMachineMatcher {

  void match(Report report, Findings findings) {
    if (report.hardware() == null || report.hardware().virtualization() == null) {
      return;
    }
    var v = report.hardware().virtualization();
    if (v.hypervisorVendor() == null && !v.hypervisorCpuFlag()) {
      return;
    }
    String name = v.hypervisorVendor() != null ? v.hypervisorVendor() : "unidentified hypervisor";
    findings.add(FindingKind.VIRTUAL_MACHINE, name, v.hypervisorVendor() != null ? Severity.HIGH : Severity.MEDIUM,
        observation("hypervisorCpuFlag", v.hypervisorCpuFlag(), "hypervisorVendor", v.hypervisorVendor(),
            "indications", v.indications()),
        "this machine runs under a hypervisor: " + String.join("; ", v.indications()));
  }
}
