package io.farmwatch.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.runtime.testing.MovingClock;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Real loopback sessions on a real listener, looked up in the kernel through this machine's
 * session probe; only the clock is the test's, so minutes pass at once.
 */
@EnabledOnOs(OS.LINUX)
class RemoteSessionWatchTest {

  private static final long MINUTE = 29_400_000L;

  private final MovingClock clock = new MovingClock(at(MINUTE));
  private final Set<Long> marked = new TreeSet<>();
  private final List<Socket> sockets = new ArrayList<>();
  private ServerSocket listener;
  private RemoteSessionWatch watch;

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    watch = new RemoteSessionWatch(Platform.forThisMachine().sessionProbe(), clock, marked::add);
  }

  @AfterEach
  void close() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    listener.close();
  }

  @Test
  void aSessionSeenAtTwoLooksIsMarkedForEveryMinuteBetweenAndItsKernelRoundTripJoinsItsFinding() throws IOException {
    Socket client = session();

    List<Finding> reported = watch.observe(List.of(listening(), inbound(client)));

    assertThat(reported.get(0).evidence()).doesNotContainKey(RemoteSessionWatch.RTT_EVIDENCE);
    Map<String, Object> evidence = reported.get(1).evidence();
    assertThat(evidence).containsEntry("port", listener.getLocalPort()).containsEntry(RemoteSessionWatch.RTT_SAMPLES_EVIDENCE, 1);
    // Loopback: the kernel's smoothed round trip is tens of microseconds, never zero, never a second.
    assertThat((Long) evidence.get(RemoteSessionWatch.RTT_EVIDENCE)).isPositive().isLessThan(100_000L);
    assertThat(marked).containsExactly(MINUTE);

    clock.setTo(at(MINUTE + 3));
    watch.check();
    assertThat(marked).containsExactly(MINUTE, MINUTE + 1, MINUTE + 2, MINUTE + 3);

    clock.setTo(at(MINUTE + 5));
    List<Finding> next = watch.observe(List.of(listening(), inbound(client)));
    assertThat(next.get(1).evidence()).containsEntry(RemoteSessionWatch.RTT_SAMPLES_EVIDENCE, 3);
    assertThat((Long) next.get(1).evidence().get(RemoteSessionWatch.RTT_EVIDENCE))
        .as("the minimum is kept").isLessThanOrEqualTo((Long) evidence.get(RemoteSessionWatch.RTT_EVIDENCE));
    assertThat(marked).hasSize(6).contains(MINUTE + 4, MINUTE + 5);
  }

  @Test
  void betweenCollectionsASessionOpenedOnAWatchedListenerIsFoundAndOneClosedStopsBeingMarked() throws IOException {
    watch.observe(List.of(listening()));
    assertThat(watch.sessions()).isZero();
    assertThat(marked).isEmpty();

    clock.setTo(at(MINUTE + 1));
    session();
    watch.check();
    assertThat(watch.sessions()).isOne();
    clock.setTo(at(MINUTE + 2));
    watch.check();
    assertThat(marked).containsExactly(MINUTE + 1, MINUTE + 2);

    sockets.forEach(RemoteSessionWatchTest::closeQuietly);
    clock.setTo(at(MINUTE + 4));
    watch.check();
    assertThat(watch.sessions()).isZero();
    assertThat(marked).as("closed before minute 3's look: minutes 3 and 4 are not claimed")
        .containsExactly(MINUTE + 1, MINUTE + 2);
  }

  @Test
  void aToolsMergedObservationsEachGetTheirOwnSessionsRoundTrip() throws IOException {
    Socket first = session();
    Socket second = session();
    Finding merged = new Finding(FindingKind.REMOTE_SESSION, "VNC", Severity.HIGH,
        Map.of("observations", List.of(inbound(first).evidence(), inbound(second).evidence())), "two sessions");

    Finding reported = watch.observe(List.of(listening(), merged)).get(1);

    assertThat((List<?>) reported.evidence().get("observations")).hasSize(2).allSatisfy(o ->
        assertThat(((Map<?, ?>) o).get(RemoteSessionWatch.RTT_SAMPLES_EVIDENCE)).isEqualTo(1));
    assertThat((List<?>) reported.evidence().get("observations")).allSatisfy(o ->
        assertThat((Long) ((Map<?, ?>) o).get(RemoteSessionWatch.RTT_EVIDENCE)).isPositive());
    assertThat(watch.sessions()).isEqualTo(2);
  }

  @Test
  void withNoRemoteControlListenerTheWatchLooksAtNothing() {
    List<Finding> findings = List.of(new Finding(FindingKind.VPN, "wg0", Severity.MEDIUM, Map.of("interface", "wg0"), "x"));
    assertThat(watch.observe(findings)).isEqualTo(findings);
    watch.check();
    assertThat(marked).isEmpty();
  }

  @Test
  void aReportOfARealInboundSessionOnARemoteControlPortCarriesTheKernelsRoundTrip() throws IOException {
    ServerSocket controlPort = null;
    for (int port : List.of(5938, 5901, 5902, 3389, 7070, 21118)) {
      try {
        controlPort = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
        break;
      } catch (IOException busy) {
        // Held by something else on this machine; try the next remote-control port.
      }
    }
    Assumptions.assumeTrue(controlPort != null, "every remote-control port tried is busy here");
    listener.close();
    listener = controlPort;
    Socket client = session();
    Clock real = Clock.systemUTC();

    Report report = new ReportAssembler(real, Platform.forThisMachine().probes(false, real),
        DetectorFactory.create(List.of(), List.of()), null,
        new RemoteSessionWatch(Platform.forThisMachine().sessionProbe(), real, marked::add)).assemble(null, 1);

    assertThat(report.findings()).filteredOn(f -> f.kind() == FindingKind.REMOTE_SESSION
            && client.getLocalPort() == ((Number) f.evidence().get("remotePort")).intValue())
        .singleElement().satisfies(f -> assertThat((Long) f.evidence().get(RemoteSessionWatch.RTT_EVIDENCE))
            .isPositive().isLessThan(100_000L));
    assertThat(marked).contains(real.millis() / 60_000);
  }

  /** A connected client whose session has carried data both ways, so the kernel has timed it. */
  private Socket session() throws IOException {
    Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
    Socket server = listener.accept();
    sockets.add(client);
    sockets.add(server);
    OutputStream toClient = server.getOutputStream();
    InputStream atClient = client.getInputStream();
    for (int i = 0; i < 5; i++) {
      toClient.write(new byte[200]);
      toClient.flush();
      atClient.readNBytes(200);
      client.getOutputStream().write(1);
      server.getInputStream().read();
    }
    return client;
  }

  private Finding listening() {
    return new Finding(FindingKind.REMOTE_ACCESS, "VNC", Severity.HIGH,
        Map.of("port", listener.getLocalPort(), "address", "127.0.0.1"), "something listens on VNC's port");
  }

  private Finding inbound(Socket client) {
    return new Finding(FindingKind.REMOTE_SESSION, "VNC", Severity.HIGH,
        Map.of("port", listener.getLocalPort(), "remoteAddress", "127.0.0.1", "remotePort", client.getLocalPort()),
        "an inbound remote-control session is open");
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Half a minute into the given epoch minute. */
  private static Instant at(long minute) {
    return Instant.ofEpochMilli(minute * 60_000 + 30_000);
  }
}
