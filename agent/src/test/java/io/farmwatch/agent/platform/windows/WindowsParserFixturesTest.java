package io.farmwatch.agent.platform.windows;

import static io.farmwatch.agent.testing.RecordedCommands.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.platform.windows.WindowsCommandParsers.UnreadableOutputException;
import io.farmwatch.agent.testing.RecordedCommands;
import io.farmwatch.protocol.report.Neighbor;
import io.farmwatch.protocol.report.Route;
import io.farmwatch.protocol.report.SocketInfo;
import io.farmwatch.protocol.report.WifiLink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Windows parsers on output recorded on real machines and published (sources in
 * {@code fixtures/windows/README.md}), English and German/French; strings written in this class are
 * marked as such.
 */
class WindowsParserFixturesTest {

  @Test
  void routePrintKeepsActiveRoutesWithTheirInterfaceAddressAndMetric() throws Exception {
    List<Route> routes = WindowsCommandParsers.routes(read("windows/route-print.txt"));
    assertThat(routes).hasSize(41);
    assertThat(routes.get(0)).isEqualTo(new Route("0.0.0.0/0", "10.0.0.1", "10.0.0.185", 25, "main"));
    assertThat(routes).contains(
        new Route("10.0.0.0/24", null, "10.0.0.185", 281, "main"),
        new Route("172.17.112.0/20", null, "172.17.112.1", 271, "main"),
        new Route("127.0.0.0/8", null, "127.0.0.1", 331, "main"));
  }

  @Test
  void routePrintReadsATranslatedOnLinkAndStopsBeforePersistentRoutes() {
    // Hand-written from the layout of a German route print (no citable recording was found): "On-link"
    // is two words there, and persistent routes have four columns whose last two look like an interface.
    String german = String.join("\r\n", "IPv4-Routentabelle",
        "===========================================================================",
        "Aktive Routen:",
        "     Netzwerkziel    Netzwerkmaske          Gateway    Schnittstelle Metrik",
        "          0.0.0.0          0.0.0.0      192.168.2.1    192.168.2.104     10",
        "        127.0.0.0        255.0.0.0   Auf Verbindung         127.0.0.1    306",
        "===========================================================================",
        "Ständige Routen:",
        "  Netzwerkadresse          Netzmaske  Gatewayadresse  Metrik",
        "         10.0.0.0        255.0.0.0        10.1.1.1       1");
    assertThat(WindowsCommandParsers.routes(german)).containsExactly(
        new Route("0.0.0.0/0", "192.168.2.1", "192.168.2.104", 10, "main"),
        new Route("127.0.0.0/8", null, "127.0.0.1", 306, "main"));
  }

  @Test
  void arpKeepsResolvedNeighboursAndSkipsBroadcastAndMulticast() throws Exception {
    List<Neighbor> n = WindowsCommandParsers.neighbors(read("windows/arp-a.txt"));
    assertThat(n).extracting(Neighbor::address).containsExactly("10.0.0.1", "10.0.0.175", "10.0.0.187", "10.0.0.198");
    assertThat(n.get(0)).isEqualTo(new Neighbor("10.0.0.1", "6a:d7:9a:29:2b:82", "10.0.0.185", "DYNAMIC"));
  }

  @Test
  void netshWlanInEnglishGermanAndFrench() throws Exception {
    WifiLink english = new WifiLink("Wi-Fi", "SSID-1", "fe:dc:ba:09:87:02", -79, null);
    assertThat(WindowsCommandParsers.wifi(read("windows/netsh-wlan.txt"))).containsExactly(english);
    // German labels the access point "AP BSSID" (Windows 11), French "Point d'accès d’identificateur SSID ...".
    assertThat(WindowsCommandParsers.wifi(read("windows-localized/netsh-wlan-de.txt")))
        .containsExactly(new WifiLink("WLAN", "SSID-1", "fe:dc:ba:09:87:02", -79, null));
    assertThat(WindowsCommandParsers.wifi(read("windows-localized/netsh-wlan-fr.txt")))
        .containsExactly(new WifiLink("Wi-Fi", "SSID-1", "fe:dc:ba:09:87:02", -60, null));
  }

  @Test
  void netshWlanWithoutLocationConsentIsReportedAsThePermissionItNeeds() {
    var recorded = new RecordedCommands(Map.of(
        WlanLocationConsent.COMMAND, "windows-localized/netsh-wlan-location-denied.txt",
        List.of("route", "print", "-4"), "windows/route-print.txt"), Map.of(WlanLocationConsent.COMMAND, 1));
    var result = new WindowsNetworkProbe(recorded, RecordedWindows::recordedDesktopInterfaces).collect();
    assertThat(result.value().wifi()).isEmpty();
    assertThat(result.value().routes()).isNotEmpty();
    assertThat(result.unavailable()).filteredOn(u -> u.field().equals("network.wifi")).singleElement()
        .satisfies(u -> assertThat(u.reason()).contains("location", "Privacy/LetAppsAccessLocation", "24H2"));
  }

  @Test
  void netstatKeepsListenersSessionsAndUdpWithPids() throws Exception {
    List<SocketInfo> s = WindowsCommandParsers.sockets(read("windows/netstat-ano.txt"));
    assertThat(s).contains(
        new SocketInfo("tcp", "0.0.0.0", 135, null, null, "LISTEN", 1712, null),
        new SocketInfo("tcp", "127.0.0.1", 1031, "127.0.0.1", 1032, "ESTABLISHED", 10644, null));
    assertThat(s).extracting(SocketInfo::state).containsOnly("LISTEN", "ESTABLISHED", "UNCONN");
    assertThat(s).anySatisfy(x -> assertThat(x.protocol()).isEqualTo("udp"));
  }

  @Test
  void netstatInAnotherLanguageIsRefusedNamingTheState() {
    // Hand-written line: German Windows prints translated TCP states.
    String german = "  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         1032\r\n";
    assertThatThrownBy(() -> WindowsCommandParsers.sockets(german)).isInstanceOf(UnreadableOutputException.class)
        .hasMessageContaining("ABHÖREN").hasMessageContaining("language");
  }

  @Test
  void ipconfigDnsServersInEnglishAndGerman() throws Exception {
    assertThat(WindowsCommandParsers.dns(read("windows/ipconfig-all.txt")))
        .startsWith("8.8.8.8", "208.67.220.220").contains("fec0:0:0:ffff::1");
    assertThat(WindowsCommandParsers.dns(read("windows-localized/ipconfig-all-de.txt")))
        .containsExactly("fd00::62b5:8dff:fe35:646d", "2a04:9546:19ba:af01:62b5:8dff:fe35:646d", "192.168.178.1");
  }

  @Test
  void ipconfigInALanguageWithoutAKnownDnsLabelIsRefused() throws Exception {
    // The German recording with its DNS label replaced by the French one ("Serveurs DNS"), written here.
    String french = read("windows-localized/ipconfig-all-de.txt").replace("DNS-Server  ", "Serveurs DNS");
    assertThatThrownBy(() -> WindowsCommandParsers.dns(french)).isInstanceOf(UnreadableOutputException.class)
        .hasMessageContaining("DNS Servers");
  }

  @Test
  void keyboardLayoutsFromTheRegistry() throws Exception {
    var layouts = WindowsKeyboardLayouts.parse(read("windows/reg-preload.txt"));
    // Recorded on a Korean Windows machine whose only preloaded layout is Korean (00000412).
    assertThat(layouts.layouts()).containsExactly("ko-KR");
    assertThat(layouts.inputMethods()).singleElement().satisfies(m -> assertThat(m).contains("korean"));
  }
}
