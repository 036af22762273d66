package io.farmwatch.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.platform.macos.MacInputSources;
import io.farmwatch.agent.platform.windows.WindowsKeyboardLayouts;
import io.farmwatch.agent.platform.macos.MacCommandParsers;
import io.farmwatch.agent.platform.windows.WindowsCommandParsers;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows and macOS parsers on recorded command output (these systems cannot run here; the
 * fixtures follow the commands' documented layouts, CRLF line ends included for Windows).
 */
class PlatformParserFixturesTest {

  static String fixture(String name) throws Exception {
    try (var in = PlatformParserFixturesTest.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void windowsRoutePrint() throws Exception {
    List<Route> routes = WindowsCommandParsers.routes(fixture("windows/route-print.txt"));
    assertThat(routes).hasSize(6);
    assertThat(routes.get(0)).isEqualTo(new Route("0.0.0.0/0", "192.168.1.1", "192.168.1.23", 35, "main"));
    assertThat(routes.get(1).destination()).isEqualTo("0.0.0.0/1");
    assertThat(routes.get(2)).isEqualTo(new Route("10.8.0.0/24", null, "10.8.0.2", 257, "main"));
  }

  @Test
  void windowsArpSkipsBroadcastAndMulticast() throws Exception {
    List<Neighbor> n = WindowsCommandParsers.neighbors(fixture("windows/arp-a.txt"));
    assertThat(n).extracting(Neighbor::address).containsExactly("192.168.1.1", "192.168.1.31", "10.8.0.1");
    assertThat(n.get(0).mac()).isEqualTo("a0:63:91:aa:bb:cc");
    assertThat(n.get(0).interfaceName()).isEqualTo("192.168.1.23");
    assertThat(n.get(2).interfaceName()).isEqualTo("10.8.0.2");
  }

  @Test
  void windowsNetshWlan() throws Exception {
    var wifi = WindowsCommandParsers.wifi(fixture("windows/netsh-wlan.txt"));
    assertThat(wifi).singleElement().satisfies(w -> {
      assertThat(w.interfaceName()).isEqualTo("Wi-Fi");
      assertThat(w.ssid()).isEqualTo("HomeNet-5G");
      assertThat(w.bssid()).isEqualTo("a0:63:91:aa:bb:cd");
      assertThat(w.signalDbm()).isEqualTo(-52);
    });
  }

  @Test
  void windowsNetstatKeepsListenersSessionsAndUdpWithPids() throws Exception {
    List<SocketInfo> s = WindowsCommandParsers.sockets(fixture("windows/netstat-ano.txt"));
    assertThat(s).hasSize(8);
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 7070, null, null, "LISTEN", 4242, null));
    assertThat(s).contains(new SocketInfo("tcp", "192.168.1.23", 3389, "203.0.113.77", 51820, "ESTABLISHED", 1288, null));
    assertThat(s).contains(new SocketInfo("tcp", "::", 3389, null, null, "LISTEN", 1288, null));
    assertThat(s).noneMatch(x -> x.state().equals("TIME_WAIT"));
  }

  @Test
  void windowsIpconfigDnsAndKeyboardLayouts() throws Exception {
    assertThat(WindowsCommandParsers.dns(fixture("windows/ipconfig-all.txt"))).containsExactly("192.168.1.1", "1.1.1.1");
    var layouts = WindowsKeyboardLayouts.parse(fixture("windows/reg-preload.txt"));
    assertThat(layouts.layouts()).containsExactly("en-US", "ko-KR");
    assertThat(layouts.inputMethods()).singleElement().satisfies(m -> assertThat(m).contains("korean"));
  }

  @Test
  void macNetstatRoutesExpandBsdShorthand() throws Exception {
    List<Route> routes = MacCommandParsers.routes(fixture("mac/netstat-rn.txt"));
    assertThat(routes.get(0)).isEqualTo(new Route("0.0.0.0/0", "192.168.1.1", "en0", null, "main"));
    assertThat(routes).extracting(Route::destination)
        .contains("127.0.0.0/8", "169.254.0.0/16", "192.168.1.0/24", "192.168.1.1/32");
  }

  @Test
  void macArpPadsBsdMacs() throws Exception {
    List<Neighbor> n = MacCommandParsers.neighbors(fixture("mac/arp-an.txt"));
    assertThat(n).extracting(Neighbor::address).containsExactly("192.168.1.1", "192.168.1.31", "224.0.0.251");
    assertThat(n.get(1).mac()).isEqualTo("3c:22:fb:01:02:03");
    assertThat(n.get(0).interfaceName()).isEqualTo("en0");
  }

  @Test
  void macWdutilLsofScutilAndInputSources() throws Exception {
    var wifi = MacCommandParsers.wifi(fixture("mac/wdutil-info.txt"));
    assertThat(wifi.bssid()).isEqualTo("a0:63:91:aa:bb:cd");
    assertThat(wifi.ssid()).isEqualTo("HomeNet-5G");
    assertThat(wifi.signalDbm()).isEqualTo(-48);
    assertThat(wifi.interfaceName()).isEqualTo("en0");

    List<SocketInfo> s = MacCommandParsers.sockets(fixture("mac/lsof.txt"));
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 7070, null, null, "LISTEN", 4242, "AnyDesk"));
    assertThat(s).contains(new SocketInfo("tcp", "192.168.1.23", 51514, "188.40.12.34", 443, "ESTABLISHED", 4242, "AnyDesk"));
    assertThat(s).noneMatch(x -> x.state().equals("CLOSE_WAIT"));
    assertThat(s).anySatisfy(x -> assertThat(x.protocol()).isEqualTo("udp"));

    assertThat(MacCommandParsers.dns(fixture("mac/scutil-dns.txt"))).containsExactly("192.168.1.1", "1.1.1.1");
    var sources = MacInputSources.parse(fixture("mac/input-sources.txt"));
    assertThat(sources.layouts()).containsExactly("U.S.");
    assertThat(sources.inputMethods()).contains("com.apple.inputmethod.Korean.2SetKorean");
  }
}
