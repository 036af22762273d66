package io.farmwatch.agent.platform.macos;

import static io.farmwatch.agent.testing.RecordedCommands.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.peripheral.Edid;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The macOS parsers on output recorded on real Macs and published (sources in
 * {@code fixtures/mac/README.md}).
 */
class MacParserFixturesTest {

  @Test
  void netstatRoutesExpandBsdShorthandAndStopBeforeTheIpv6Table() throws Exception {
    List<Route> routes = MacCommandParsers.routes(read("mac/netstat-rn.txt"));
    assertThat(routes.get(0)).isEqualTo(new Route("0.0.0.0/0", "198.51.100.1", "en0", null, "main"));
    assertThat(routes).extracting(Route::destination)
        .contains("127.0.0.0/8", "169.254.0.0/16", "198.51.100.0/24", "224.0.0.0/4", "198.51.100.1/32");
    // The recording is a plain `netstat -rn`: its Internet6 table has four `default` rows through utun.
    assertThat(routes).filteredOn(r -> r.destination().equals("0.0.0.0/0")).singleElement();
    assertThat(routes).extracting(Route::interfaceName).doesNotContain("utun0", "utun1", "utun2", "utun3");
  }

  @Test
  void arpPadsBsdMacsAndSkipsBroadcast() throws Exception {
    List<Neighbor> n = MacCommandParsers.neighbors(read("mac/arp-an.txt"));
    assertThat(n).extracting(Neighbor::address).containsExactly("198.51.100.1", "224.0.0.251");
    assertThat(n.get(0)).isEqualTo(new Neighbor("198.51.100.1", "12:34:56:00:a0:20", "en0", null));
    assertThat(n.get(1).mac()).isEqualTo("01:00:5e:00:00:fb");
  }

  @Test
  void wdutilWifiSection() throws Exception {
    var wifi = MacCommandParsers.wifi(read("mac/wdutil-info.txt"));
    assertThat(wifi.interfaceName()).isEqualTo("en1");
    assertThat(wifi.ssid()).isEqualTo("SomeSSID-5");
    assertThat(wifi.bssid()).isEqualTo("fe:dc:ba:09:87:65");
    assertThat(wifi.signalDbm()).isEqualTo(-61);
  }

  @Test
  void wdutilOnMacOs15RedactsTheAccessPoint() throws Exception {
    assertThat(read("mac/wdutil-info-redacted.txt")).contains("BSSID                : <redacted>");
    assertThat(MacCommandParsers.wifi(read("mac/wdutil-info-redacted.txt"))).isNull();
  }

  @Test
  void scutilNameservers() throws Exception {
    assertThat(MacCommandParsers.dns(read("mac/scutil-dns.txt"))).containsExactly("75.75.75.75", "75.75.76.76");
  }

  @Test
  void inputSourcesKoreanInputModeAndLayouts() throws Exception {
    var korean = MacInputSources.parse(read("mac/input-sources.txt"));
    assertThat(korean.layouts()).isEmpty();
    assertThat(korean.inputMethods())
        .containsExactly("com.apple.inputmethod.Korean", "com.apple.inputmethod.Korean.2SetKorean");
    assertThat(MacInputSources.parse(read("mac/input-sources-layouts.txt")).layouts())
        .containsExactly("ABC", "Bulgarian - Phonetic");
  }

  @Test
  void lsofSockets() throws Exception {
    // The recording (macOS 26, listeners only) holds 16 TCP LISTEN rows: no UDP and no connected rows.
    List<SocketInfo> s = MacCommandParsers.sockets(read("mac/lsof.txt"));
    assertThat(s).hasSize(16).allSatisfy(x -> {
      assertThat(x.protocol()).isEqualTo("tcp");
      assertThat(x.state()).isEqualTo("LISTEN");
      assertThat(x.remoteAddress()).isNull();
    });
    // `*` is every address; lsof truncates COMMAND to nine characters (ControlCenter, com.docker.backend).
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 7000, null, null, "LISTEN", 900, "ControlCe"));
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 60362, null, null, "LISTEN", 909, "rapportd"));
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 8011, null, null, "LISTEN", 2379, "com.docke"));
    // IPv6 loopback in brackets loses them; IPv4 loopback is kept as printed.
    assertThat(s).contains(new SocketInfo("tcp", "::1", 5432, null, null, "LISTEN", 1061, "postgres"));
    assertThat(s).contains(new SocketInfo("tcp", "127.0.0.1", 5432, null, null, "LISTEN", 1061, "postgres"));
  }

  /**
   * UDP rows, which {@code lsof.txt} lacks: quoted from a Mac's {@code sudo lsof -nP -iUDP | grep ':53'} in
   * https://github.com/miekg/dns/issues/941 (comment of 2022-07-04): four of its rows, each as published (grep dropped
   * the header; the other rows are more of the same daemons' 5353/53 sockets).
   */
  @Test
  void lsofUdpRowsQuotedFromAnIssue() {
    String published = """
        mDNSRespo   205 _mdnsresponder    6u  IPv4 0x90f33fd199e59435      0t0  UDP *:5353
        mDNSRespo   205 _mdnsresponder    7u  IPv6 0x90f33fd199e59745      0t0  UDP *:5353
        mDNSRespo   205 _mdnsresponder   17u  IPv4 0x90f33fd199e31f75      0t0  UDP *:53
        Spotify     696       taavide3   53u  IPv4 0x90f33fd199e337f5      0t0  UDP *:5353
        """;
    List<SocketInfo> s = MacCommandParsers.sockets(published);
    assertThat(s).hasSize(4).allSatisfy(x -> {
      assertThat(x.protocol()).isEqualTo("udp");
      assertThat(x.state()).isEqualTo("UNCONN");
    });
    assertThat(s.get(2)).isEqualTo(new SocketInfo("udp", "0.0.0.0", 53, null, null, "UNCONN", 205, "mDNSRespo"));
    assertThat(s.get(3).processName()).isEqualTo("Spotify");
  }

  /** OSHI hands the agent the bytes {@code ioreg} prints as {@code IODisplayEDID}; these are two real displays'. */
  @Test
  void edidOfRecordedDisplays() throws Exception {
    List<byte[]> edids = Pattern.compile("\"IODisplayEDID\" = <([0-9a-f]+)>").matcher(read("mac/ioreg-edid.txt"))
        .results().map(m -> HexFormat.of().parseHex(m.group(1))).toList();
    assertThat(edids).hasSize(2);
    assertThat(Edid.parse("display0", edids.get(0)))
        .isEqualTo(new DisplayInfo("display0", "DEL", "d065", "DELL U2715H", "GH85D49S0LSL", 600, 340));
    assertThat(Edid.parse("display1", edids.get(1)))
        .isEqualTo(new DisplayInfo("display1", "GSM", "0001", "LG TV", "16843009", 1600, 900));
  }
}
