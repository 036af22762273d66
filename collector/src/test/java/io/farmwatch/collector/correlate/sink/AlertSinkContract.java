package io.farmwatch.collector.correlate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every alert sink must do, against a real receiver; each sink's test extends this. */
public abstract class AlertSinkContract {

  /** A sink pointed at the test's receiver. */
  protected abstract AlertSink newSink() throws Exception;

  /** Everything the receiver got so far, as text. */
  protected abstract List<String> received() throws Exception;

  protected abstract void stopReceiver() throws Exception;

  protected abstract void startReceiver() throws Exception;

  /** UDP cannot tell a lost datagram from a delivered one, so it cannot retry. */
  protected boolean detectsFailure() {
    return true;
  }

  private RetryingSink sink;

  static Alert alert(String id) {
    Instant t = Instant.parse("2026-11-24T12:00:00Z");
    return new Alert(id, "LAPTOP_FARM", "HIGH", 0.85, List.of("dev-a", "dev-b"),
        List.of(new Evidence("SAME_GATEWAY_MAC", "strong", "02:fa:00:00:01:01", List.of("dev-a", "dev-b"), t, t, null)),
        "2 laptops dev-a, dev-b share one router (gateway MAC 02:fa:00:00:01:01).", t, t);
  }

  @AfterEach
  void closeSink() {
    if (sink != null) {
      sink.close();
    }
  }

  void awaitReceived(String text) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (received().stream().anyMatch(r -> r.contains(text))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("'" + text + "' never arrived; got " + received());
  }

  @Test
  void deliversTheAlertWithItsIdKindDevicesAndSummary() throws Exception {
    startReceiver();
    sink = new RetryingSink(newSink(), 100, Duration.ofMillis(50), Duration.ofSeconds(1));
    sink.publish(alert("farm-1"));
    awaitReceived("farm-1");
    String message = received().stream().filter(r -> r.contains("farm-1")).findFirst().orElseThrow();
    assertThat(message).contains("LAPTOP_FARM").contains("dev-a").contains("dev-b").contains("share one router");
  }

  @Test
  void aDownReceiverNeitherBlocksThePublisherNorLosesTheAlert() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(detectsFailure(),
        "this transport cannot observe a failed delivery, so there is nothing to retry");
    stopReceiver();
    sink = new RetryingSink(newSink(), 100, Duration.ofMillis(50), Duration.ofMillis(200));
    long t0 = System.nanoTime();
    sink.publish(alert("farm-late"));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(100));
    Thread.sleep(400);
    startReceiver();
    awaitReceived("farm-late");
  }
}
