package io.farmwatch.collector.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "10.255.255.254", "172.16.0.1", "172.31.255.254", "192.168.1.1",
      "fc00::1", "fd12:3456:789a::1", "FD00::1", "fd00::1%eth0",
      // an IPv4-mapped IPv6 form of a private address: the old prefix check missed it
      "::ffff:192.168.1.1"})
  void privateAddresses(String address) {
    assertThat(Cidr.isPrivate(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "172.15.255.254", "172.32.0.1", "192.169.0.1", "11.0.0.1",
      "100.64.0.1", "100.127.255.254", "fe80::1", "fe80::1%eth0", "fb00::1", "fe00::1", "2001:db8::1",
      "127.0.0.1", "::1", "169.254.1.1",
      // names are never resolved, so a name that starts like a private prefix is not private
      "10.example.com", "fdhost", ""})
  void otherAddresses(String address) {
    assertThat(Cidr.isPrivate(address)).isFalse();
  }

  @Test
  void blocksContainOnlyTheirOwnFamilyAndPrefix() {
    Cidr cgnat = Cidr.parse("100.64.0.0/10");
    assertThat(cgnat.contains("100.127.255.255")).isTrue();
    assertThat(cgnat.contains("100.128.0.0")).isFalse();
    assertThat(Cidr.parse("fe80::/10").contains("febf::1")).isTrue();
    assertThat(Cidr.parse("fe80::/10").contains("10.0.0.1")).isFalse();
  }

  @Test
  void badBlocksNameTheProblem() {
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix outside 0-32");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("not an IP address literal");
  }
}
