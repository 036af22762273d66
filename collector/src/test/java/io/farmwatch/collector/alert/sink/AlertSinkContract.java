package io.farmwatch.collector.alert.sink;

import io.farmwatch.collector.correlate.AlertKind;
import io.farmwatch.collector.correlate.Signal;
import io.farmwatch.protocol.report.Severity;
import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.collector.correlate.Alert;
import io.farmwatch.collector.correlate.Evidence;
import io.farmwatch.collector.correlate.StorageAlertStore;
import io.farmwatch.collector.store.sqlite.SqliteStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every alert sink must do, against a real receiver; each sink's test extends this: deliver,
 * survive a receiver that is down, bound a giant alert without holding up the next, keep hostile
 * characters out of the output, and not deliver again what a restart re-saves unchanged.
 */
public abstract class AlertSinkContract {

  /** A sink pointed at the test's receiver. */
  protected abstract AlertSink newSink() throws Exception;

  /** Everything the receiver got so far, as text, one entry per message. */
  protected abstract List<String> received() throws Exception;

  protected abstract void stopReceiver() throws Exception;

  protected abstract void startReceiver() throws Exception;

  /** The largest message the sink may send, framing excluded. */
  protected abstract int maxMessageBytes();

  /** UDP cannot tell a lost datagram from a delivered one, so it cannot retry. */
  protected boolean detectsFailure() {
    return true;
  }

  static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path contractTmp;

  final Map<String, Long> drops = new ConcurrentHashMap<>();
  private final List<RetryingSink> sinks = new ArrayList<>();

  RetryingSink start(Duration maxBackoff) throws Exception {
    RetryingSink sink = new RetryingSink(newSink(), 100, Duration.ofMillis(50), maxBackoff, 5);
    sink.reportDropsTo((kind, reason) -> drops.merge(kind + "/" + reason, 1L, Long::sum));
    sinks.add(sink);
    return sink;
  }

  static Alert alert(String id) {
    return new Alert(id, AlertKind.LAPTOP_FARM, Severity.HIGH, 0.85, List.of("dev-a", "dev-b"),
        List.of(new Evidence(Signal.SAME_GATEWAY_MAC, "02:fa:00:00:01:01", List.of("dev-a", "dev-b"), T, T, null)),
        "2 laptops dev-a, dev-b share one router (gateway MAC 02:fa:00:00:01:01).", T, T);
  }

  /** Two devices reporting 20,000 made-up gateway MACs, and a 1 MB detail. */
  static Alert giant(String id) {
    List<Evidence> evidence = IntStream.range(0, 20_000).mapToObj(i -> new Evidence(Signal.SAME_GATEWAY_MAC,
        String.format("02:fa:00:%02x:%02x:%02x", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff), List.of("dev-a", "dev-b"),
        T, T, i == 0 ? "x".repeat(1 << 20) : null)).toList();
    return new Alert(id, AlertKind.LAPTOP_FARM, Severity.CRITICAL, 0.95, List.of("dev-a", "dev-b"), evidence,
        "2 laptops share 20,000 routers: " + "02:fa:00:00:00:00, ".repeat(20_000), T, T);
  }

  @AfterEach
  void closeSinks() {
    sinks.forEach(RetryingSink::close);
    sinks.clear();
  }

  List<String> messagesWith(String text) throws Exception {
    return received().stream().filter(r -> r.contains(text)).toList();
  }

  void awaitReceived(String text) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (!messagesWith(text).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("'" + text + "' never arrived; got " + received().size() + " messages");
  }

  @Test
  void deliversTheAlertWithItsIdKindDevicesAndSummary() throws Exception {
    startReceiver();
    start(Duration.ofSeconds(1)).publish(alert("farm-1"));
    awaitReceived("farm-1");
    assertThat(messagesWith("farm-1").get(0)).contains("LAPTOP_FARM").contains("dev-a").contains("dev-b")
        .contains("share one router");
  }

  @Test
  void aDownReceiverNeitherBlocksThePublisherNorLosesTheAlert() throws Exception {
    Assumptions.assumeTrue(detectsFailure(), "this transport cannot observe a failed delivery, so there is nothing to retry");
    stopReceiver();
    RetryingSink sink = start(Duration.ofMillis(200));
    long t0 = System.nanoTime();
    sink.publish(alert("farm-late"));
    // A publisher that waited for delivery would never return here (the receiver starts only after it
    // does), so a generous bound cannot hide blocking and a loaded machine cannot trip it.
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    Thread.sleep(400);
    startReceiver();
    awaitReceived("farm-late");
  }

  @Test
  void aReceiverDownForGoodCostsEachAlertCappedRetriesThenADropThatIsCounted() throws Exception {
    Assumptions.assumeTrue(detectsFailure(), "this transport cannot observe a failed delivery, so there is nothing to retry");
    stopReceiver();
    RetryingSink sink = start(Duration.ofMillis(50));
    sink.publish(alert("farm-never"));
    for (int i = 0; i < 100 && sink.dropped() == 0; i++) {
      Thread.sleep(50);
    }
    assertThat(drops).containsEntry(newSink().kind() + "/retries_exhausted", 1L);
  }

  @Test
  void aGiantAlertArrivesBoundedWithAMarkerAndTheNextAlertPromptlyAfterIt() throws Exception {
    startReceiver();
    RetryingSink sink = start(Duration.ofSeconds(1));
    sink.publish(giant("farm-giant"));
    sink.publish(alert("farm-next"));
    awaitReceived("farm-next");
    List<String> giant = messagesWith("farm-giant");
    assertThat(giant).singleElement().satisfies(m -> {
      assertThat(m).contains(BoundedMessage.MARKER).contains("of 20000 evidence entries");
      assertThat(m.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxMessageBytes());
    });
    assertThat(drops).isEmpty();
  }

  @Test
  void hostileCharactersNeverReachTheOutputRaw() throws Exception {
    startReceiver();
    String hostile = "nul\u0000 esc\u001b[31m c1\u0085\u009b ls\u2028 ps\u2029 cr\r lf\n del\u007f pipe| eq=";
    Alert a = alert("farm-hostile");
    start(Duration.ofSeconds(1)).publish(new Alert(a.id(), a.kind(), a.severity(), a.score(), List.of("dev-a", hostile),
        List.of(new Evidence(Signal.REMOTE_ACCESS, hostile, List.of(hostile), T, T, hostile)), hostile, T, T));
    awaitReceived("farm-hostile");
    String m = messagesWith("farm-hostile").get(0);
    assertThat(m.chars().filter(SinkText::unsafe).mapToObj(c -> String.format("U+%04X", c)).toList()).isEmpty();
    assertThat(m).contains("esc").contains("u001b[31m").contains("u2028").contains("u000a").contains("u0000");
  }

  @Test
  void aRestartThatReSavesUnchangedAlertsDeliversNothingTwice() throws Exception {
    startReceiver();
    Alert first = alert("farm-restart");
    try (SqliteStorage storage = SqliteStorage.open(contractTmp)) {
      new PublishingAlertStore(new StorageAlertStore(storage, Clock.systemUTC()), List.of(start(Duration.ofSeconds(1))))
          .save(first);
      awaitReceived("farm-restart");
    }
    closeSinks();
    try (SqliteStorage storage = SqliteStorage.open(contractTmp)) {
      PublishingAlertStore restarted = new PublishingAlertStore(new StorageAlertStore(storage, Clock.systemUTC()),
          List.of(start(Duration.ofSeconds(1))));
      // A rebuilt engine stamps the unchanged alert with the time it saw it again.
      restarted.save(new Alert(first.id(), first.kind(), first.severity(), first.score(), first.deviceIds(),
          first.evidence(), first.summary(), T.plusSeconds(60), T.plusSeconds(3600)));
      restarted.save(new Alert(first.id(), first.kind(), first.severity(), first.score(), List.of("dev-a", "dev-b", "dev-c"),
          first.evidence(), "3 laptops now", first.firstSeen(), T.plusSeconds(7200)));
      awaitReceived("3 laptops now");
    }
    assertThat(messagesWith("farm-restart")).hasSize(2);
  }
}
