package io.farmwatch.agent.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.platform.linux.LinuxPlatform;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.Unavailable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A machine with more processes and sockets than the protocol carries still sends a report the collector takes. */
class ReportAssemblerLimitsTest {

  @Test
  void aCrowdedMachineIsCutToTheLimitsAndSaysSo() {
    Clock clock = Clock.systemUTC();
    ProbeSet real = LinuxPlatform.probes(false, clock);
    int processCount = ProtocolLimits.LIST_ITEMS.get("processes") + 900;
    int socketCount = ProtocolLimits.LIST_ITEMS.get("network.sockets") + 3000;
    List<ProcessInfo> processes = new ArrayList<>();
    List<SocketInfo> sockets = new ArrayList<>();
    for (int i = 0; i < processCount; i++) {
      processes.add(new ProcessInfo(100 + i, 1, "worker-" + i, "/opt/app/bin/worker", null, null, "dev",
          Instant.now()));
    }
    for (int i = 0; i < socketCount; i++) {
      sockets.add(new SocketInfo("tcp", "127.0.0.1", 10_000 + i % 50_000, "127.0.0.1", 5432, "ESTABLISHED", 100,
          "worker"));
    }
    NetworkState network = new NetworkState(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        sockets);
    ProbeSet crowded = new ProbeSet(real.hardware(), () -> new ProbeResult<>(network, List.of()),
        () -> new ProbeResult<>(processes, List.of()), real.peripherals(), real.locale());

    Report report = new ReportAssembler(clock, crowded, DetectorFactory.create(List.of(), List.of()))
        .assemble("dev-1", 1);

    assertThat(ReportLimits.check(report)).isEmpty();
    assertThat(report.processes()).hasSize(ProtocolLimits.LIST_ITEMS.get("processes"));
    assertThat(report.network().sockets()).hasSize(ProtocolLimits.LIST_ITEMS.get("network.sockets"));
    assertThat(report.unavailable()).filteredOn(u -> u.source().equals(ReportLimits.CUT_SOURCE))
        .extracting(Unavailable::field).contains("processes", "network.sockets");
  }
}
