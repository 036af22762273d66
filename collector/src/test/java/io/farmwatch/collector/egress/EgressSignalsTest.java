package io.farmwatch.collector.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.collector.egress.EgressSignals.Kind;
import io.farmwatch.collector.egress.EgressSignals.Sighting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The egress signals on real public addresses classified by the shipped databases. */
class EgressSignalsTest {

  static final String DIGITALOCEAN = "104.131.0.1";
  static final String MULLVAD = "23.144.160.67";
  static final String TELEKOM_HOME = "79.192.0.1";
  static final String COMCAST_HOME = "73.0.0.1";
  static final Instant T = Instant.parse("2026-11-24T12:00:00Z");
  static EgressClassifier classifier;

  @BeforeAll
  static void load() {
    classifier = EgressClassifier.builtIn();
  }

  EgressSignals signals(String... companyExits) {
    return new EgressSignals(classifier, CompanyExits.parse(List.of(companyExits)), 3);
  }

  @Test
  void aHostingExitWithNoVpnClientOnTheLaptopIsARouterLevelVpn() {
    assertThat(signals().device(DIGITALOCEAN, null, "US")).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Kind.ROUTER_VPN);
      assertThat(c.detail()).contains(DIGITALOCEAN).contains("AS14061").contains("X4BNet datacenter list")
          .contains("no VPN client or tunnel");
    });
    assertThat(signals().device(MULLVAD, null, null)).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("X4BNet VPN list"));
    assertThat(signals().device(DIGITALOCEAN, "WireGuard", "US")).as("the laptop shows its VPN").isEmpty();
    assertThat(signals().device(COMCAST_HOME, null, "US")).as("an honest US home").isEmpty();
  }

  @Test
  void anEgressCountryThatIsNotTheClaimedOneIsAClue() {
    assertThat(signals().device(TELEKOM_HOME, null, "us")).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(Kind.COUNTRY);
      assertThat(c.value()).isEqualTo("DE");
      assertThat(c.detail()).contains("AS3320").contains("in DE, not US");
    });
    assertThat(signals().device(TELEKOM_HOME, null, null)).as("no claim, no contradiction").isEmpty();
    assertThat(signals().device("192.168.1.10", null, "US")).as("unknown addresses prove nothing").isEmpty();
  }

  @Test
  void theCompanysOwnExitsNeverCount() {
    EgressSignals s = signals("104.131.0.0/16");
    assertThat(s.device(DIGITALOCEAN, null, "DE")).isEmpty();
    assertThat(s.shared(List.of(new Sighting("a", DIGITALOCEAN, T), new Sighting("b", DIGITALOCEAN, T)),
        Duration.ofHours(24))).isEmpty();
  }

  @Test
  void companyExitsAreValidated() {
    assertThatThrownBy(() -> CompanyExits.parse(List.of("0.0.0.0/0", "10.0.0.0/8", "vpn.example", "::/0")))
        .hasMessageContaining("'0.0.0.0/0' is wider than a /8").hasMessageContaining("'10.0.0.0/8' is a private block")
        .hasMessageContaining("'vpn.example' is not an IP address literal").hasMessageContaining("'::/0' is wider than a /16");
    assertThat(CompanyExits.parse(List.of("198.18.7.0/24", "2a01:4f8::/32")).blocks()).hasSize(2);
  }

  @Test
  void severalMachinesThroughOneExitOrProviderAtTheSameTimesAreShared() {
    var shared = signals().shared(List.of(
        new Sighting("a", MULLVAD, T), new Sighting("b", MULLVAD, T.plusSeconds(3600)),
        new Sighting("c", "104.131.0.1", T), new Sighting("d", "104.131.0.2", T.plusSeconds(60)),
        new Sighting("e", "159.89.0.1", T.plusSeconds(120)),
        new Sighting("h", COMCAST_HOME, T), new Sighting("i", COMCAST_HOME, T)), Duration.ofHours(24));
    assertThat(shared).extracting(EgressSignals.SharedExit::key).containsExactlyInAnyOrder("address " + MULLVAD, "AS14061");
    assertThat(shared).filteredOn(s -> s.key().equals("AS14061")).singleElement().satisfies(s -> {
      assertThat(s.deviceIds()).containsExactly("c", "d", "e");
      assertThat(s.description()).startsWith("3 fleet machines left through the provider AS14061");
    });
  }

  @Test
  void machinesOnOneProviderDaysApartOrTooFewAreNotShared() {
    Duration day = Duration.ofHours(24);
    assertThat(signals().shared(List.of(new Sighting("a", MULLVAD, T), new Sighting("b", MULLVAD, T.plus(Duration.ofDays(3)))),
        day)).isEmpty();
    assertThat(signals().shared(List.of(new Sighting("c", "104.131.0.1", T), new Sighting("d", "104.131.0.2", T)), day))
        .as("two devices on one provider, different addresses").isEmpty();
    assertThat(signals().shared(List.of(new Sighting("a", MULLVAD, T), new Sighting("a", MULLVAD, T)), day))
        .as("one device twice").isEmpty();
  }
}
