package io.farmwatch.protocol.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.ProtocolLimits;
import io.farmwatch.protocol.SampleReports;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.Unavailable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportLimitsTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  static Report typical() {
    return SampleReports.typical("dev-1", 1, NOW);
  }

  static Report withNetwork(Report r, NetworkState n) {
    return new Report(r.schemaVersion(), r.device(), r.hardware(), n, r.processes(), r.peripherals(), r.locale(),
        r.input(), r.agent(), r.findings(), r.unavailable());
  }

  static Report withFindings(Report r, List<Finding> findings) {
    return new Report(r.schemaVersion(), r.device(), r.hardware(), r.network(), r.processes(), r.peripherals(),
        r.locale(), r.input(), r.agent(), findings, r.unavailable());
  }

  static NetworkState gateways(NetworkState n, List<Gateway> gateways) {
    return new NetworkState(n.interfaces(), n.routes(), gateways, n.neighbors(), n.dnsServers(), n.wifi(),
        n.sockets());
  }

  static List<Gateway> madeUpGateways(int count) {
    List<Gateway> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Gateway("10.0.0.1", "eth0", String.format("02:00:00:%02x:%02x:%02x", i >> 16, (i >> 8) & 255, i & 255)));
    }
    return out;
  }

  @Test
  void aTypicalAndALargeLaptopKeepEveryLimit() {
    assertThat(ReportLimits.check(typical())).isEmpty();
    assertThat(ReportLimits.check(SampleReports.laptop("dev-1", 1, NOW, 1500))).isEmpty();
    Report typical = typical();
    assertThat(ReportLimits.fit(typical)).isSameAs(typical);
  }

  @Test
  void namesTheConcreteFieldOverItsLimit() {
    Report r = typical();
    Report bloated = withNetwork(r, gateways(r.network(), madeUpGateways(20_000)));
    assertThat(ReportLimits.check(bloated)).hasValueSatisfying(v -> {
      assertThat(v.field()).isEqualTo("network.defaultGateways");
      assertThat(v.overLimit()).isTrue();
      assertThat(v.message()).isEqualTo("network.defaultGateways has 20000 items, over the limit of 16");
    });
    Report nested = withFindings(r, List.of(r.findings().get(0),
        new Finding(FindingKind.OTHER, "x", Severity.LOW, Map.of(), "y".repeat(5000))));
    assertThat(ReportLimits.check(nested)).hasValueSatisfying(v ->
        assertThat(v.field()).isEqualTo("findings[1].reason"));
  }

  @Test
  void refusesMalformedAddressesAndNullItems() {
    Report r = typical();
    Report badMac = withNetwork(r, gateways(r.network(), List.of(new Gateway("10.0.0.1", "eth0", "AA-BB"))));
    assertThat(ReportLimits.check(badMac)).hasValueSatisfying(v -> {
      assertThat(v.field()).isEqualTo("network.defaultGateways[0].mac");
      assertThat(v.overLimit()).isFalse();
    });
    Report badIp = withNetwork(r, gateways(r.network(), List.of(new Gateway("10.0.0.256", "eth0", null))));
    assertThat(ReportLimits.check(badIp)).hasValueSatisfying(v ->
        assertThat(v.field()).isEqualTo("network.defaultGateways[0].address"));
    List<Gateway> withNull = new ArrayList<>(madeUpGateways(2));
    withNull.add(1, null);
    assertThat(ReportLimits.check(withNetwork(r, gateways(r.network(), withNull)))).hasValueSatisfying(v ->
        assertThat(v.message()).isEqualTo("network.defaultGateways[1] is null"));
  }

  @Test
  void acceptsTheAddressFormsAgentsSend() {
    for (String ip : List.of("192.168.1.1", "0.0.0.0", "::", "::1", "fe80::1%en0", "2001:db8::ffff:1.2.3.4")) {
      assertThat(FieldSyntax.matches(ProtocolLimits.Syntax.IP, ip)).as(ip).isTrue();
    }
    for (String cidr : List.of("0.0.0.0/0", "::/0", "fe80::8e8d:28ff:fe12:3456/64", "10.8.0.2/24")) {
      assertThat(FieldSyntax.matches(ProtocolLimits.Syntax.CIDR, cidr)).as(cidr).isTrue();
    }
    for (String bad : List.of("", "1.2.3", "1.2.3.4.5", "01.2.3.4x", "::/129", "1.2.3.4/33", "a:b", "x/1",
        "1.2.3.4/")) {
      assertThat(FieldSyntax.matches(ProtocolLimits.Syntax.CIDR, bad)).as(bad).isFalse();
    }
    assertThat(FieldSyntax.matches(ProtocolLimits.Syntax.MAC, "a0:63:91:aa:bb:cc")).isTrue();
    assertThat(FieldSyntax.matches(ProtocolLimits.Syntax.MAC, "A0:63:91:AA:BB:CC")).isFalse();
    assertThat(FieldSyntax.matches(ProtocolLimits.Syntax.MAC, "a0:63:91:aa:bb")).isFalse();
  }

  @Test
  void boundsEvidenceEntriesDepthAndKeys() {
    Report r = typical();
    Map<String, Object> many = new LinkedHashMap<>();
    many.put("observations", Collections.nCopies(300, 1));
    assertThat(ReportLimits.check(withFindings(r, List.of(new Finding(FindingKind.OTHER, "x", Severity.LOW, many,
        "r"))))).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("findings[0].evidence.observations[256]"));
    Map<String, Object> deep = Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1)))));
    assertThat(ReportLimits.check(withFindings(r, List.of(new Finding(FindingKind.OTHER, "x", Severity.LOW, deep,
        "r"))))).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("findings[0].evidence.a.b.c.d"));
  }

  @Test
  void fitCutsAndMarksWhatTheCollectorWouldRefuse() {
    Report r = SampleReports.laptop("dev-1", 1, NOW, 5000);
    List<SocketInfo> sockets = Collections.nCopies(9000, r.network().sockets().get(0));
    NetworkState n = r.network();
    NetworkState big = new NetworkState(n.interfaces(), n.routes(), madeUpGateways(40), n.neighbors(),
        n.dnsServers(), n.wifi(), sockets);
    List<ProcessInfo> processes = new ArrayList<>(r.processes());
    ProcessInfo p = processes.get(0);
    processes.set(0, new ProcessInfo(p.pid(), p.parentPid(), p.name(), "/" + "d".repeat(5000), null,
        "c".repeat(40_000), p.user(), p.startTime()));
    Report bloated = new Report(r.schemaVersion(), r.device(), r.hardware(), big, processes, r.peripherals(),
        r.locale(), r.input(), r.agent(), r.findings(), r.unavailable());
    assertThat(ReportLimits.check(bloated)).isPresent();

    Report fitted = ReportLimits.fit(bloated);

    assertThat(ReportLimits.check(fitted)).isEmpty();
    assertThat(fitted.processes()).hasSize(4096);
    assertThat(fitted.processes().get(0).path()).hasSize(4096);
    assertThat(fitted.processes().get(0).commandLine()).hasSize(32768);
    assertThat(fitted.network().sockets()).hasSize(8192);
    assertThat(fitted.network().defaultGateways()).hasSize(16);
    assertThat(fitted.unavailable()).contains(r.unavailable().get(0))
        .contains(new Unavailable("processes", ReportLimits.CUT_SOURCE, "cut to 4096 items"),
            new Unavailable("network.sockets", ReportLimits.CUT_SOURCE, "cut to 8192 items"),
            new Unavailable("processes[].path", ReportLimits.CUT_SOURCE, "cut to 4096 characters"));
  }

  @Test
  void fitReplacesAnItemInTheMiddleOfAListAndKeepsTheRestInOrder() {
    Report r = typical();
    List<ProcessInfo> processes = new ArrayList<>(r.processes());
    ProcessInfo p = processes.get(3);
    processes.set(3, new ProcessInfo(p.pid(), p.parentPid(), p.name(), "/" + "d".repeat(5000), null,
        p.commandLine(), p.user(), p.startTime()));
    Report fitted = ReportLimits.fit(new Report(r.schemaVersion(), r.device(), r.hardware(), r.network(), processes,
        r.peripherals(), r.locale(), r.input(), r.agent(), r.findings(), r.unavailable()));

    assertThat(fitted.processes()).hasSameSizeAs(processes);
    assertThat(fitted.processes().get(3).path()).hasSize(4096);
    assertThat(fitted.processes().get(3).pid()).isEqualTo(p.pid());
    for (int i = 0; i < processes.size(); i++) {
      if (i != 3) {
        assertThat(fitted.processes().get(i)).as("process %d", i).isSameAs(processes.get(i));
      }
    }
    assertThat(fitted.network()).as("untouched parts are the same objects").isSameAs(r.network());
  }

  @Test
  void fitKeepsAReportWithinThePayloadLimitWhenItsListsTogetherWouldPassIt() throws Exception {
    Report r = SampleReports.laptop("dev-1", 1, NOW, ProtocolLimits.LIST_ITEMS.get("processes") - 1);
    NetworkState n = r.network();
    Report crowded = withNetwork(r, new NetworkState(n.interfaces(), n.routes(), n.defaultGateways(), n.neighbors(),
        n.dnsServers(), n.wifi(), Collections.nCopies(ProtocolLimits.LIST_ITEMS.get("network.sockets"),
            n.sockets().get(1))));
    assertThat(ReportLimits.check(crowded)).isEmpty();
    assertThat(ProtocolJson.mapper().writeValueAsBytes(crowded).length).isGreaterThan(ProtocolLimits.MAX_PAYLOAD_BYTES);

    Report fitted = ReportLimits.fit(crowded);

    assertThat(ProtocolJson.mapper().writeValueAsBytes(fitted).length).isLessThanOrEqualTo(ProtocolLimits.MAX_PAYLOAD_BYTES);
    assertThat(ReportLimits.check(fitted)).isEmpty();
    assertThat(fitted.unavailable()).filteredOn(u -> u.source().equals(ReportLimits.CUT_SOURCE))
        .extracting(Unavailable::reason).anySatisfy(reason -> assertThat(reason).startsWith("cut to ")
            .endsWith("items to keep the report within 2097152 bytes"));
  }

  @Test
  void fitDropsMalformedAddressesAndCountsThem() {
    Report r = typical();
    List<Gateway> gateways = List.of(new Gateway("bogus", "eth0", "a0:63:91:aa:bb:cc"),
        new Gateway("10.0.0.1", "eth0", "BAD"), new Gateway("10.0.0.2", "eth0", "bad"));
    Report fitted = ReportLimits.fit(withNetwork(r, gateways(r.network(), gateways)));
    assertThat(ReportLimits.check(fitted)).isEmpty();
    assertThat(fitted.network().defaultGateways()).extracting(Gateway::mac)
        .containsExactly("a0:63:91:aa:bb:cc", null, null);
    assertThat(fitted.unavailable()).contains(
        new Unavailable("network.defaultGateways[].mac", ReportLimits.CUT_SOURCE, "dropped: not a valid MAC (2 times)"),
        new Unavailable("network.defaultGateways[].address", ReportLimits.CUT_SOURCE, "dropped: not a valid IP"));
  }
}
