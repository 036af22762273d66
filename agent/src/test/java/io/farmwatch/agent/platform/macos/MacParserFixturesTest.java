package io.farmwatch.agent.platform.macos;

import static io.farmwatch.agent.testing.RecordedCommands.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The macOS parsers on recorded command output (macOS cannot run here; the fixtures follow the commands' documented layouts). */
class MacParserFixturesTest {
  @Test
  void macNetstatRoutesExpandBsdShorthand() throws Exception {
    List<Route> routes = MacCommandParsers.routes(read("mac/netstat-rn.txt"));
    assertThat(routes.get(0)).isEqualTo(new Route("0.0.0.0/0", "192.168.1.1", "en0", null, "main"));
    assertThat(routes).extracting(Route::destination)
        .contains("127.0.0.0/8", "169.254.0.0/16", "192.168.1.0/24", "192.168.1.1/32");
  }

  @Test
  void macArpPadsBsdMacs() throws Exception {
    List<Neighbor> n = MacCommandParsers.neighbors(read("mac/arp-an.txt"));
    assertThat(n).extracting(Neighbor::address).containsExactly("192.168.1.1", "192.168.1.31", "224.0.0.251");
    assertThat(n.get(1).mac()).isEqualTo("3c:22:fb:01:02:03");
    assertThat(n.get(0).interfaceName()).isEqualTo("en0");
  }

  @Test
  void macWdutilLsofScutilAndInputSources() throws Exception {
    var wifi = MacCommandParsers.wifi(read("mac/wdutil-info.txt"));
    assertThat(wifi.bssid()).isEqualTo("a0:63:91:aa:bb:cd");
    assertThat(wifi.ssid()).isEqualTo("HomeNet-5G");
    assertThat(wifi.signalDbm()).isEqualTo(-48);
    assertThat(wifi.interfaceName()).isEqualTo("en0");

    List<SocketInfo> s = MacCommandParsers.sockets(read("mac/lsof.txt"));
    assertThat(s).contains(new SocketInfo("tcp", "0.0.0.0", 7070, null, null, "LISTEN", 4242, "AnyDesk"));
    assertThat(s).contains(new SocketInfo("tcp", "192.168.1.23", 51514, "188.40.12.34", 443, "ESTABLISHED", 4242, "AnyDesk"));
    assertThat(s).noneMatch(x -> x.state().equals("CLOSE_WAIT"));
    assertThat(s).anySatisfy(x -> assertThat(x.protocol()).isEqualTo("udp"));

    assertThat(MacCommandParsers.dns(read("mac/scutil-dns.txt"))).containsExactly("192.168.1.1", "1.1.1.1");
    var sources = MacInputSources.parse(read("mac/input-sources.txt"));
    assertThat(sources.layouts()).containsExactly("U.S.");
    assertThat(sources.inputMethods()).contains("com.apple.inputmethod.Korean.2SetKorean");
  }
}
