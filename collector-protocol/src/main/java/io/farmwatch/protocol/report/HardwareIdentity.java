package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The machine's hardware identity, as firmware and the OS report it.
 *
 * @param fingerprint stable hash over the identity fields (see PROTOCOL.md), the same across
 *     reboots, re-installs of the agent and network changes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HardwareIdentity(
    String vendor,
    String model,
    String serial,
    String hardwareUuid,
    String baseboardVendor,
    String baseboardModel,
    String baseboardSerial,
    String firmwareVendor,
    String firmwareVersion,
    String firmwareDate,
    String cpuVendor,
    String cpuModel,
    String cpuIdentifier,
    List<DiskIdentity> disks,
    List<NicIdentity> nics,
    String fingerprint,
    Virtualization virtualization) {}
