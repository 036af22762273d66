package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.agent.probe.Placeholders;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.Unavailable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The report agrees with the system's own tools on this very machine. */
class LiveSystemAgreementTest {

  static Report report;

  @BeforeAll
  static void scan() {
    report = new ReportAssembler(Clock.systemUTC()).assemble(null, 1);
  }

  static String sh(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void routesMatchIpRoute() throws Exception {
    Set<String> expected = new HashSet<>();
    for (JsonNode r : ProtocolJson.mapper().readTree(sh("ip", "-j", "-4", "route", "show"))) {
      String dst = r.get("dst").asText();
      expected.add((dst.equals("default") ? "0.0.0.0/0" : dst.contains("/") ? dst : dst + "/32")
          + " via " + r.path("gateway").asText("-") + " dev " + r.path("dev").asText());
    }
    Set<String> actual = new HashSet<>();
    for (Route r : report.network().routes()) {
      if (!r.destination().contains(":")) {
        actual.add(r.destination() + " via " + (r.gateway() == null ? "-" : r.gateway()) + " dev " + r.interfaceName());
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void defaultGatewayAndItsMacMatchIpRouteAndIpNeigh() throws Exception {
    JsonNode routes = ProtocolJson.mapper().readTree(sh("ip", "-j", "-4", "route", "show", "default"));
    if (routes.isEmpty()) {
      assertThat(report.network().defaultGateways()).noneMatch(g -> !g.address().contains(":"));
      return;
    }
    String gateway = routes.get(0).get("gateway").asText();
    JsonNode neigh = ProtocolJson.mapper().readTree(sh("ip", "-j", "neigh", "show", gateway));
    String mac = neigh.isEmpty() ? null : neigh.get(0).path("lladdr").asText(null);
    var reported = report.network().defaultGateways().stream()
        .filter(g -> gateway.equals(g.address())).findFirst().orElseThrow();
    assertThat(reported.mac()).isEqualTo(mac);
  }

  @Test
  void everyInterfaceMacMatchesSysfs() throws Exception {
    List<NetInterface> interfaces = report.network().interfaces();
    try (var links = Files.list(Path.of("/sys/class/net"))) {
      for (Path link : links.toList()) {
        String name = link.getFileName().toString();
        String sysfs = Files.readString(link.resolve("address")).strip();
        NetInterface nic = interfaces.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
        if (sysfs.isEmpty() || sysfs.equals("00:00:00:00:00:00")) {
          assertThat(nic.mac()).isNull();
        } else {
          assertThat(nic.mac()).as(name).isEqualTo(sysfs);
        }
      }
    }
  }

  @Test
  void dmiValuesMatchSysfsOrAreListedAsUnavailable() {
    Map<String, String> fields = Map.of("sys_vendor", "hardware.vendor", "product_name", "hardware.model",
        "product_serial", "hardware.serial", "product_uuid", "hardware.hardwareUuid",
        "board_serial", "hardware.baseboardSerial", "bios_version", "hardware.firmwareVersion");
    Map<String, String> reported = Map.of("sys_vendor", String.valueOf(report.hardware().vendor()),
        "product_name", String.valueOf(report.hardware().model()),
        "product_serial", String.valueOf(report.hardware().serial()),
        "product_uuid", String.valueOf(report.hardware().hardwareUuid()),
        "board_serial", String.valueOf(report.hardware().baseboardSerial()),
        "bios_version", String.valueOf(report.hardware().firmwareVersion()));
    for (var e : fields.entrySet()) {
      Path file = Path.of("/sys/class/dmi/id", e.getKey());
      String value;
      try {
        value = Files.readString(file).strip();
      } catch (Exception ex) {
        value = "";
      }
      if (value.isEmpty() || Placeholders.isPlaceholder(value)) {
        assertThat(report.unavailable()).extracting(Unavailable::field).contains(e.getValue());
      } else {
        assertThat(reported.get(e.getKey())).isEqualTo(value);
      }
    }
  }

  @Test
  void timezoneOffsetMatchesDate() throws Exception {
    String z = sh("date", "+%z").strip(); // e.g. +0100
    int minutes = (z.charAt(0) == '-' ? -1 : 1)
        * (Integer.parseInt(z.substring(1, 3)) * 60 + Integer.parseInt(z.substring(3, 5)));
    assertThat(report.locale().utcOffsetMinutes()).isEqualTo(minutes);
    if (Files.exists(Path.of("/etc/timezone")) && System.getenv("TZ") == null) {
      assertThat(report.locale().timezone()).isEqualTo(Files.readString(Path.of("/etc/timezone")).strip());
    }
  }

  @Test
  void processesAreReportedByFullPathWithHashedCommandLines() {
    long self = ProcessHandle.current().pid();
    var me = report.processes().stream().filter(p -> p.pid() == self).findFirst().orElseThrow();
    assertThat(me.path()).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
    assertThat(me.commandLineHash()).matches("[0-9a-f]{64}");
    assertThat(me.commandLine()).isNull();
  }
}
