package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

  private final AtomicLong nanos = new AtomicLong();

  private AddressThrottle throttle(int maxAddresses) {
    return new AddressThrottle(3, 0.5, maxAddresses, nanos::get);
  }

  /** Admits and charges one failed attempt, as the enrollment endpoint does; false when refused. */
  private static boolean fail(AddressThrottle t, String address) {
    if (!t.admit(address).allowed()) {
      return false;
    }
    t.charge(address);
    return true;
  }

  @Test
  void aBurstOfFailuresThenOnePerRefillAndRetryAfterSaysWhen() {
    AddressThrottle t = throttle(100);
    for (int i = 0; i < 3; i++) {
      assertThat(fail(t, "192.0.2.1")).isTrue();
    }
    AddressThrottle.Decision refused = t.admit("192.0.2.1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(2);
    assertThat(refused.firstRefusal()).isTrue();
    assertThat(t.admit("192.0.2.1").firstRefusal()).isFalse();
    assertThat(t.admit("192.0.2.2").allowed()).as("another address has its own bucket").isTrue();
    nanos.addAndGet(1_000_000_000L);
    assertThat(t.admit("192.0.2.1").retryAfterSeconds()).isEqualTo(1);
    nanos.addAndGet(1_000_000_000L);
    assertThat(fail(t, "192.0.2.1")).isTrue();
    assertThat(t.admit("192.0.2.1").firstRefusal()).as("a new flood is logged again").isTrue();
  }

  @Test
  void successesCostNothingAndFailuresInFlightAreWaitedOff() {
    AddressThrottle t = throttle(100);
    for (int i = 0; i < 50; i++) {
      assertThat(t.admit("198.51.100.7").allowed()).isTrue();
    }
    for (int i = 0; i < 5; i++) {
      t.charge("198.51.100.7");
    }
    // Three in the bucket, five charged: two in debt, so one token is six seconds away at 0.5/s.
    assertThat(t.admit("198.51.100.7").retryAfterSeconds()).isEqualTo(6);
  }

  @Test
  void ipv6ClientsShareABucketPerSlash64AndMappedIpv4IsIpv4() {
    AddressThrottle t = throttle(100);
    for (int i = 1; i <= 3; i++) {
      assertThat(fail(t, "2001:db8:1:2::" + i)).isTrue();
    }
    assertThat(t.admit("2001:db8:1:2:ffff::9").allowed()).isFalse();
    assertThat(t.admit("2001:db8:1:3::1").allowed()).isTrue();
    for (int i = 0; i < 3; i++) {
      fail(t, "203.0.113.5");
    }
    assertThat(t.admit("::ffff:203.0.113.5").allowed()).isFalse();
  }

  @Test
  void theMapOfAddressesStaysBoundedDroppingTheLeastRecentlyUsed() {
    AddressThrottle t = throttle(1000);
    for (int i = 0; i < 3; i++) {
      fail(t, "192.0.2.1");
    }
    for (int i = 0; i < 100_000; i++) {
      t.admit("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
      assertThat(t.size()).isLessThanOrEqualTo(1000);
    }
    assertThat(t.size()).isEqualTo(1000);
    assertThat(t.admit("192.0.2.1").allowed()).as("dropped, so it starts full again").isTrue();
  }
}
