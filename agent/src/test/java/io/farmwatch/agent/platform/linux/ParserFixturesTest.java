package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.probe.peripheral.Edid;
import io.farmwatch.protocol.report.DisplayInfo;
import io.farmwatch.protocol.report.NetInterface;
import io.farmwatch.protocol.report.SocketInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsers on recorded output, including the shapes this machine does not have (Wi-Fi, tun, wg). */
class ParserFixturesTest {

  @Test
  void ipAddrJsonTypesTunnelsBridgesAndWifi() throws Exception {
    String json = """
        [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP"],"mtu":65536,"link_type":"loopback","address":"00:00:00:00:00:00",
          "addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8}]},
         {"ifindex":3,"ifname":"wlp0s20f3","flags":["BROADCAST","UP"],"mtu":1500,"link_type":"ether","address":"8C:8D:28:12:34:56",
          "addr_info":[{"family":"inet","local":"192.168.1.23","prefixlen":24},{"family":"inet6","local":"fe80::1","prefixlen":64}]},
         {"ifindex":7,"ifname":"tun0","flags":["POINTOPOINT","UP"],"mtu":1500,"link_type":"none","linkinfo":{"info_kind":"tun","info_data":{"type":"tun"}},
          "addr_info":[{"family":"inet","local":"10.8.0.2","prefixlen":24}]},
         {"ifindex":8,"ifname":"wg0","flags":["UP"],"mtu":1420,"link_type":"none","linkinfo":{"info_kind":"wireguard"},"addr_info":[]},
         {"ifindex":9,"ifname":"br0","flags":["DOWN"],"mtu":1500,"link_type":"ether","address":"02:42:ac:11:00:01","linkinfo":{"info_kind":"bridge"},"addr_info":[]},
         {"ifindex":10,"ifname":"enp0s31f6","flags":["UP"],"mtu":1500,"link_type":"ether","address":"da:a1:19:00:00:01","permaddr":"54:e1:ad:00:00:01","addr_info":[]}]
        """;
    List<NetInterface> nics = IpJson.interfaces(json, name -> name.startsWith("wl"), name -> null);
    assertThat(nics).extracting(NetInterface::type)
        .containsExactly("loopback", "wifi", "tun", "wireguard", "bridge", "ethernet");
    assertThat(nics.get(0).mac()).isNull();
    assertThat(nics.get(1).mac()).isEqualTo("8c:8d:28:12:34:56");
    assertThat(nics.get(1).addresses()).containsExactly("192.168.1.23/24", "fe80::1/64");
    assertThat(nics.get(4).up()).isFalse();
    assertThat(nics.get(5).permanentMac()).isEqualTo("54:e1:ad:00:00:01");
  }

  @Test
  void routesBecomeCidrAndNeighboursWithoutAddressesAreSkipped() throws Exception {
    var routes = IpJson.routes("""
        [{"dst":"default","gateway":"192.168.1.1","dev":"wlan0","metric":600},{"dst":"10.0.0.5","dev":"tun0"}]""", false);
    assertThat(routes.get(0).destination()).isEqualTo("0.0.0.0/0");
    assertThat(routes.get(0).metric()).isEqualTo(600);
    assertThat(routes.get(1).destination()).isEqualTo("10.0.0.5/32");
    assertThat(IpJson.routes("[{\"dst\":\"default\",\"gateway\":\"fe80::1\",\"dev\":\"wlan0\"}]", true).get(0).destination())
        .isEqualTo("::/0");
    var neighbors = IpJson.neighbors("""
        [{"dst":"192.168.1.1","dev":"wlan0","lladdr":"A0:63:91:AA:BB:CC","state":["REACHABLE"]},{"dst":"fd00::1","dev":"wlan0","state":["FAILED"]}]""");
    assertThat(neighbors).singleElement().satisfies(n -> {
      assertThat(n.mac()).isEqualTo("a0:63:91:aa:bb:cc");
      assertThat(n.state()).isEqualTo("REACHABLE");
    });
    assertThatThrownBy(() -> IpJson.routes("{\"not\":\"an array\"}", false)).isInstanceOf(java.io.IOException.class);
  }

  @Test
  void iwLinkGivesSsidBssidSignalAndFrequency() {
    String connected = """
        Connected to a0:63:91:aa:bb:cd (on wlp0s20f3)
        \tSSID: HomeNet-5G
        \tfreq: 5180.0
        \tRX: 1234 bytes (10 packets)
        \tsignal: -48 dBm
        \ttx bitrate: 866.7 MBit/s
        """;
    var link = IwLink.parse("wlp0s20f3", connected);
    assertThat(link.bssid()).isEqualTo("a0:63:91:aa:bb:cd");
    assertThat(link.ssid()).isEqualTo("HomeNet-5G");
    assertThat(link.signalDbm()).isEqualTo(-48);
    assertThat(link.frequencyMhz()).isEqualTo(5180);
    assertThat(IwLink.parse("wlan0", "Not connected.\n")).isNull();
  }

  @Test
  void procNetTcpDecodesAddressesStatesAndOwners() {
    String tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:1B9E 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0
           1: 1701A8C0:C93A 220C28BC:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 4243 1 0 20 4 30 10 -1
           2: 1701A8C0:C93B 220C28BC:01BB 06 00000000:00000000 00:00000000 00000000  1000        0 0 1 0 20 4 30 10 -1
        """;
    List<SocketInfo> sockets = ProcNetSockets.parse(tcp, "tcp",
        Map.of(4242L, new ProcNetSockets.Owner(99, "anydesk"), 4243L, new ProcNetSockets.Owner(99, "anydesk")));
    assertThat(sockets).hasSize(2);
    assertThat(sockets.get(0)).isEqualTo(new SocketInfo("tcp", "0.0.0.0", 7070, null, null, "LISTEN", 99, "anydesk"));
    assertThat(sockets.get(1).localAddress()).isEqualTo("192.168.1.23");
    assertThat(sockets.get(1).remoteAddress()).isEqualTo("188.40.12.34");
    assertThat(sockets.get(1).remotePort()).isEqualTo(443);
  }

  @Test
  void inputDevicesCarryBusIdsAndKinds() {
    String devices = """
        I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
        N: Name="AT Translated Set 2 keyboard"
        H: Handlers=sysrq kbd event3 leds
        B: EV=120013

        I: Bus=0003 Vendor=1d6b Product=0104 Version=0100
        N: Name="PiKVM Composite Device Mouse"
        H: Handlers=mouse1 event7
        """;
    var list = InputDevices.parse(devices);
    assertThat(list).hasSize(2);
    assertThat(list.get(0).bus()).isEqualTo("i8042");
    assertThat(list.get(0).kinds()).containsExactly("keyboard");
    assertThat(list.get(1).vendorId()).isEqualTo("1d6b");
    assertThat(list.get(1).productId()).isEqualTo("0104");
    assertThat(list.get(1).kinds()).containsExactly("pointer");
    assertThat(list.get(1).path()).isEqualTo("/dev/input/event7");
  }

  /** A Dell U2415 base block as monitors send it, with name and serial descriptors. */
  static byte[] edid() {
    byte[] e = new byte[128];
    byte[] header = {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
    System.arraycopy(header, 0, e, 0, 8);
    e[8] = 0x10; // "DEL" = 00100 00101 01100
    e[9] = (byte) 0xac;
    e[10] = (byte) 0xbc; // product 0xa0bc, little-endian
    e[11] = (byte) 0xa0;
    e[12] = 0x4c; e[13] = 0x53; e[14] = 0x30; e[15] = 0x32;
    e[18] = 1; e[19] = 4; e[21] = 52; e[22] = 32;
    descriptor(e, 72, 0xff, "7MT0167B2WJL");
    descriptor(e, 90, 0xfc, "DELL U2415");
    int sum = 0;
    for (int i = 0; i < 127; i++) {
      sum += e[i] & 0xff;
    }
    e[127] = (byte) ((256 - sum % 256) % 256);
    return e;
  }

  static void descriptor(byte[] e, int at, int tag, String text) {
    e[at + 3] = (byte) tag;
    byte[] t = (text + "\n            ").substring(0, 13).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(t, 0, e, at + 5, 13);
  }

  @Test
  void edidGivesManufacturerProductNameSerialAndSize() throws Exception {
    DisplayInfo d = Edid.parse("HDMI-A-1", edid());
    assertThat(d.manufacturerId()).isEqualTo("DEL");
    assertThat(d.productCode()).isEqualTo("a0bc");
    assertThat(d.productName()).isEqualTo("DELL U2415");
    assertThat(d.serial()).isEqualTo("7MT0167B2WJL");
    assertThat(d.widthMm()).isEqualTo(520);
    assertThat(d.heightMm()).isEqualTo(320);
  }

  @Test
  void edidWithBadChecksumOrHeaderIsRefused() {
    byte[] bad = edid();
    bad[100] ^= 1;
    assertThatThrownBy(() -> Edid.parse("DP-1", bad)).hasMessageContaining("checksum");
    byte[] noHeader = edid();
    noHeader[1] = 0;
    assertThatThrownBy(() -> Edid.parse("DP-1", noHeader)).hasMessageContaining("header");
    assertThatThrownBy(() -> Edid.parse("DP-1", new byte[10])).hasMessageContaining("128");
  }
}
