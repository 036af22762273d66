package io.farmwatch.agent.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.8.9.10/", "http://[::1]:80", "http://localhost:1", "https://10.0.0.1"})
  void httpsAnywhereAndPlainHttpOnLoopback(String url) throws Exception {
    assertThat(TransportPolicy.check(URI.create(url), false)).isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1", "http://collector.example.com", "http://localhost.evil.com", "http://127.0.0.1.nip.io", "ftp://127.0.0.1"})
  void plainHttpElsewhereNeedsExplicitPermission(String url) {
    assertThatThrownBy(() -> TransportPolicy.check(URI.create(url), false)).isInstanceOf(PlainHttpRefusedException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1", "http://collector.example.com"})
  void theLabSwitchAllowsPlainHttp(String url) throws Exception {
    assertThat(TransportPolicy.check(URI.create(url), true)).isEqualTo(URI.create(url));
  }
}
