package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.platform.portable.PortableProbes;
import io.farmwatch.agent.probe.ProbeContractKit;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.protocol.report.NetInterface;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The macOS probes on command output recorded on real Macs (fixtures/mac/README.md names the sources);
 * their OSHI part runs live here.
 */
class MacProbeContractTest extends ProbeContractKit {

  @Override
  protected ProbeSet probes() {
    RecordedCommands commands = new RecordedCommands(Map.of(
        List.of("netstat", "-rn", "-f", "inet"), "mac/netstat-rn.txt",
        List.of("arp", "-an"), "mac/arp-an.txt",
        List.of("wdutil", "info"), "mac/wdutil-info.txt",
        List.of("lsof", "-nP", "-iTCP", "-iUDP"), "mac/lsof.txt",
        List.of("scutil", "--dns"), "mac/scutil-dns.txt",
        List.of("defaults", "read", "com.apple.HIToolbox", "AppleEnabledInputSources"), "mac/input-sources.txt"));
    // What java.net.NetworkInterface would list for the interfaces the recordings name (macOS uses BSD
    // names; en0 is link#7 and holds 198.51.100.11 in the routing table). Built from the recordings.
    List<NetInterface> interfaces = List.of(
        new NetInterface("lo0", 1, "loopback", null, null, true, 16384, List.of("127.0.0.1/8", "::1/128")),
        new NetInterface("en0", 7, "wifi", "12:34:56:15:a0:10", null, true, 1500, List.of("198.51.100.11/24")));
    // No recording of sysctl: the hypervisor flag is reported unavailable, which the kit checks too.
    return PortableProbes.with(new MacNetworkProbe(commands, () -> interfaces), MacPlatform.locale(commands),
        new SysctlHypervisorFlag(commands), false, Clock.systemUTC());
  }
}
