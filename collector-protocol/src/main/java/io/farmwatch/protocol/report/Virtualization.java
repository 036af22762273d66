package io.farmwatch.protocol.report;

import java.util.List;

/**
 * Signs that the "laptop" is a virtual machine.
 *
 * @param hypervisorCpuFlag the CPU reports the hypervisor-present bit
 * @param hypervisorVendor the hypervisor named by DMI or CPUID, when one is recognised
 * @param indications every observation that points to virtualization, in words
 */
public record Virtualization(
    boolean hypervisorCpuFlag, String hypervisorVendor, List<String> indications) {}
