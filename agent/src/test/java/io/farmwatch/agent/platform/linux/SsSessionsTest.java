package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandSessionProbe;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.TcpSession;
import io.farmwatch.agent.testing.RecordedCommands;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code ss -tinH state established '( sport = :50573 or sport = :5900 )'} as iproute2 6.1.0 printed
 * it on this project's Debian 12 test machine (2026-12-02) for a dual-stack listener with one IPv4
 * client (shown v4-mapped) and one IPv6 client.
 */
class SsSessionsTest {

  @Test
  void eachConnectionLineGivesThePeerAndTheSmoothedRoundTripOfTheInfoLineBelowIt() throws Exception {
    Set<Integer> watched = Set.of(50573);
    SessionProbe probe = new CommandSessionProbe(
        new RecordedCommands(Map.of(SsSessions.command(watched), "linux/ss-tinH-established.txt")),
        SsSessions::command, SsSessions::parse);

    assertThat(probe.established(watched)).containsExactly(
        new TcpSession(50573, "::ffff:127.0.0.1", 59442, 22L),
        new TcpSession(50573, "::1", 39208, 1344L));
  }

  @Test
  void aConnectionWithoutAnInfoLineOrARoundTripStillCountsAsOpen() {
    String text = "0 0 [fe80::1%eth0]:5900 [fe80::2%eth0]:50000\n0 0 10.0.0.5:5900 203.0.113.9:61000\n"
        + "\t cubic wscale:7,7 rto:1000 mss:1448\n";

    List<TcpSession> sessions = SsSessions.parse(text, Set.of(5900));

    assertThat(sessions).containsExactly(
        new TcpSession(5900, "fe80::2", 50000, null),
        new TcpSession(5900, "203.0.113.9", 61000, null));
  }
}
