package io.farmwatch.agent.platform.windows;

import static io.farmwatch.agent.testing.RecordedCommands.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Windows parsers on recorded command output (Windows cannot run here; the fixtures follow the
 * commands' documented layouts, CRLF line ends included).
 */
class WindowsParserFixturesTest {
  @Test
  void windowsRoutePrint() throws Exception {
    List<Route> routes = WindowsCommandParsers.routes(read("windows/route-print.txt"));
    assertThat(routes).hasSize(6);
    assertThat(routes.get(0)).isEqualTo(new Route("0.0.0.0/0", "192.168.1.1", "192.168.1.23", 35, "main"));
    assertThat(routes.get(1).destination()).isEqualTo("0.0.0.0/1");
    assertThat(routes.get(2)).isEqualTo(new Route("10.8.0.0/24", null, "10.8.0.2", 257, "main"));
  }

  @Test
  void windowsArpSkipsBroadcastAndMulticast() throws Exception {
    List<Neighbor> n = WindowsCommandParsers.neighbors(read("windows/arp-a.txt"));
    assertThat(n).extracting(Neighbor::address).containsExactly("192.168.1.1", "192.168.1.31", "10.8.0.1");
    assertThat(n.get(0).mac()).isEqualTo("a0:63:91:aa:bb:cc");
    assertThat(n.get(0).interfaceName()).isEqualTo("192.168.1.23");
    assertThat(n.get(2).interfaceName()).isEqualTo("10.8.0.2");
  }

  @Test
  void windowsNetshWlan() throws Exception {
    var wifi = WindowsCommandParsers.wifi(read("windows/netsh-wlan.txt"));
    assertThat(wifi).singleElement().satisfies(w -> {
      assertThat(w.interfaceName()).isEqualTo("Wi-Fi");
      assertThat(w.ssid()).isEqualTo("HomeNet-5G");
      assertThat(w.bssid()).isEqualTo("a0:63:91:aa:bb:cd");
      assertThat(w.signalDbm()).isEqualTo(-52);
    });
  }

  @Test
  void windowsNetstatKeepsListenersSessionsAndUdpWithPids() throws Exception {
    List<SocketInfo> s = WindowsCommandParsers.sockets(read("windows/netstat-ano.txt"));
    assertThat(s).hasSize(8);
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 7070, null, null, "LISTEN", 4242, null));
    assertThat(s).contains(new SocketInfo("tcp", "192.168.1.23", 3389, "203.0.113.77", 51820, "ESTABLISHED", 1288, null));
    assertThat(s).contains(new SocketInfo("tcp", "::", 3389, null, null, "LISTEN", 1288, null));
    assertThat(s).noneMatch(x -> x.state().equals("TIME_WAIT"));
  }

  @Test
  void windowsIpconfigDnsAndKeyboardLayouts() throws Exception {
    assertThat(WindowsCommandParsers.dns(read("windows/ipconfig-all.txt"))).containsExactly("192.168.1.1", "1.1.1.1");
    var layouts = WindowsKeyboardLayouts.parse(read("windows/reg-preload.txt"));
    assertThat(layouts.layouts()).containsExactly("en-US", "ko-KR");
    assertThat(layouts.inputMethods()).singleElement().satisfies(m -> assertThat(m).contains("korean"));
  }
}
