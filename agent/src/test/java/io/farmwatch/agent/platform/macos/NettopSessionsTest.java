package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandSessionProbe;
import io.farmwatch.agent.probe.TcpSession;
import io.farmwatch.agent.testing.RecordedCommands;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code nettop -m tcp -L 1 -n -x -J state,rtt_avg} output in the shape nettop(1) documents for
 * logging mode (a CSV header, a summary row per process, a row per socket named
 * {@code tcp4 local<->remote}). Composed for this test, not captured: this machine has no macOS.
 * The parser finds its columns by header name, so a reordered or extended header still reads.
 */
class NettopSessionsTest {

  @Test
  void establishedSocketsOnWatchedPortsGiveThePeerAndTheAverageRoundTrip() throws Exception {
    var probe = new CommandSessionProbe(new RecordedCommands(Map.of(NettopSessions.COMMAND, "mac/nettop-tcp-state-rtt.csv")),
        ports -> NettopSessions.COMMAND, NettopSessions::parse);

    assertThat(probe.established(Set.of(5900))).containsExactly(
        new TcpSession(5900, "203.0.113.9", 61000, 182_410L),
        new TcpSession(5900, "fe80::2", 50211, 4_020L));
  }

  @Test
  void columnsAreFoundByNameAndUnitsAreRead() {
    String csv = "time,,rtt_avg,bytes_in,state,\n"
        + "1,tcp4 10.0.0.5:3389<->198.51.100.1:4000,850 us,10,Established,\n"
        + "2,tcp4 10.0.0.5:3389<->198.51.100.2:4001,,10,Established,\n";

    assertThat(NettopSessions.parse(csv, Set.of(3389))).containsExactly(
        new TcpSession(3389, "198.51.100.1", 4000, 850L),
        new TcpSession(3389, "198.51.100.2", 4001, null));
    assertThat(NettopSessions.parse("", Set.of(3389))).isEmpty();
  }
}
