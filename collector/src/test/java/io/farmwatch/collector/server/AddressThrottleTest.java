package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

  private final AtomicLong nanos = new AtomicLong();

  private AddressThrottle throttle(int maxAddresses) {
    return new AddressThrottle(3, 0.5, maxAddresses, nanos::get);
  }

  @Test
  void aBurstThenOneAttemptPerRefillAndRetryAfterSaysWhen() {
    AddressThrottle t = throttle(100);
    for (int i = 0; i < 3; i++) {
      assertThat(t.take("192.0.2.1").allowed()).isTrue();
    }
    AddressThrottle.Decision refused = t.take("192.0.2.1");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(2);
    assertThat(refused.firstRefusal()).isTrue();
    assertThat(t.take("192.0.2.1").firstRefusal()).isFalse();
    assertThat(t.take("192.0.2.2").allowed()).as("another address has its own bucket").isTrue();
    nanos.addAndGet(1_000_000_000L);
    assertThat(t.take("192.0.2.1").retryAfterSeconds()).isEqualTo(1);
    nanos.addAndGet(1_000_000_000L);
    assertThat(t.take("192.0.2.1").allowed()).isTrue();
    assertThat(t.take("192.0.2.1").firstRefusal()).as("a new flood is logged again").isTrue();
  }

  @Test
  void successesAreGivenBack() {
    AddressThrottle t = throttle(100);
    for (int i = 0; i < 10; i++) {
      assertThat(t.take("198.51.100.7").allowed()).isTrue();
      t.giveBack("198.51.100.7");
    }
  }

  @Test
  void ipv6ClientsShareABucketPerSlash64AndMappedIpv4IsIpv4() {
    AddressThrottle t = throttle(100);
    for (int i = 1; i <= 3; i++) {
      assertThat(t.take("2001:db8:1:2::" + i).allowed()).isTrue();
    }
    assertThat(t.take("2001:db8:1:2:ffff::9").allowed()).isFalse();
    assertThat(t.take("2001:db8:1:3::1").allowed()).isTrue();
    for (int i = 0; i < 3; i++) {
      t.take("203.0.113.5");
    }
    assertThat(t.take("::ffff:203.0.113.5").allowed()).isFalse();
  }

  @Test
  void theMapOfAddressesStaysBoundedDroppingTheLeastRecentlyUsed() {
    AddressThrottle t = throttle(1000);
    for (int i = 0; i < 3; i++) {
      t.take("192.0.2.1");
    }
    for (int i = 0; i < 100_000; i++) {
      t.take("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
      assertThat(t.size()).isLessThanOrEqualTo(1000);
    }
    assertThat(t.size()).isEqualTo(1000);
    assertThat(t.take("192.0.2.1").allowed()).as("dropped, so it starts full again").isTrue();
  }
}
