package io.farmwatch.collector.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.egress.EgressClass.HostingList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped databases on real public addresses: lookups only, no traffic. */
class EgressClassifierTest {

  private static EgressClassifier classifier;

  @BeforeAll
  static void load() {
    classifier = EgressClassifier.builtIn();
  }

  @ParameterizedTest(name = "{0} is hosting ({2})")
  @CsvSource({
      // address, ASN, list
      "52.94.76.10, 16509, DATACENTER",    // Amazon (AWS)
      "104.131.0.1, 14061, DATACENTER",    // DigitalOcean
      "159.89.0.1, 14061, DATACENTER",     // DigitalOcean
      "88.198.0.1, 24940, DATACENTER",     // Hetzner
      "2a01:4f8::1, 24940, DATACENTER",    // Hetzner, IPv6
      "23.144.160.67, 0, VPN",             // Mullvad exit (X4BNet input/vpn/ips/mullvadvpn.txt)
      "37.19.197.130, 0, VPN"})            // PIA exit (input/vpn/ips/pia.txt)
  void hostingAndVpnNetworksAreFlaggedWithTheListThatMatched(String address, long asn, HostingList list) {
    EgressClass c = classifier.classify(address);
    assertThat(c.known()).isTrue();
    assertThat(c.hosting()).isEqualTo(list);
    if (asn != 0) {
      assertThat(c.asn()).isEqualTo(asn);
      assertThat(c.org()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0} is a home network in {1}")
  @CsvSource({
      "73.0.0.1, US, 7922",      // Comcast
      "79.192.0.1, DE, 3320",    // Deutsche Telekom
      "86.128.0.1, GB, 2856",    // BT
      "2601::1, US, 7922"})      // Comcast, IPv6
  void residentialNetworksAreNotHosting(String address, String country, long asn) {
    EgressClass c = classifier.classify(address);
    assertThat(c.hosting()).isNull();
    assertThat(c.country()).isEqualTo(country);
    assertThat(c.asn()).isEqualTo(asn);
  }

  @Test
  void countriesMatchTheDatabasesOwnSourceRows() throws IOException {
    List<String> rows;
    try (InputStream in = getClass().getResourceAsStream("/egress/country-source-sample.csv")) {
      rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }
    assertThat(rows).hasSize(80);
    for (String row : rows) {
      String[] f = row.split(",");
      assertThat(classifier.classify(f[0]).country()).as("start of " + row).isEqualTo(f[2]);
      assertThat(classifier.classify(f[1]).country()).as("end of " + row).isEqualTo(f[2]);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "192.168.1.20|private",
      "10.1.2.3|private",
      "fd00::1|private",
      "127.0.0.1|loopback",
      "fe80::1|link-local",
      "100.64.3.4|carrier-grade NAT",
      "203.0.113.9|reserved",
      "laptop.example|not an IP address literal",
      "|no egress address"})
  void unknownAddressesSayWhy(String address, String why) {
    EgressClass c = classifier.classify(address);
    assertThat(c.known()).isFalse();
    assertThat(c.unknownReason()).contains(why);
    assertThat(c.country()).isNull();
    assertThat(c.hosting()).isNull();
  }
}
