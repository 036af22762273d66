package io.farmwatch.agent.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandSessionProbe;
import io.farmwatch.agent.probe.TcpSession;
import io.farmwatch.agent.testing.RecordedCommands;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * nettop's logging output as published from real Macs (fixtures/mac/README.md names the sources),
 * then the agent's own command in the shape those recordings show. The parser finds its columns by
 * header name, so a reordered or extended header still reads.
 */
class NettopSessionsTest {

  /**
   * nettop's default logging columns. The recording below was cut by its publisher's grep to one
   * process, so it lost this line; the recorded socket row has exactly one value per name.
   */
  private static final String DEFAULT_HEADER =
      "time,,interface,state,bytes_in,bytes_out,rx_dupe,rx_ooo,re-tx,rtt_avg,rcvsize,tx_win,tc_class,tc_mgt,cc_algo,P,C,R,W,arch,\n";

  @Test
  void aRecordedSocketRowGivesThePeerAndItsAverageRoundTrip() {
    String recorded = RecordedCommands.read("mac/nettop-L0-firefox.csv");

    // nettop -L 0 without -n: the peer is its reverse name; the agent's -n prints the address there.
    assertThat(NettopSessions.parse(DEFAULT_HEADER + recorded, Set.of(52429))).containsExactly(
        new TcpSession(52429, "55.65.117.34.bc.googleusercontent.com", 443, 39_810L));
    assertThat(NettopSessions.parse(DEFAULT_HEADER + recorded, Set.of(5900))).isEmpty();
  }

  @Test
  void underJTheNameIsTheFirstColumnAsARecordingShows() {
    String recorded = RecordedCommands.read("mac/nettop-P-J-bytes.csv");
    assertThat(recorded).startsWith(",bytes_in,bytes_out,\n").contains("\napsd.533,11417,23504,\n");

    // The recorded row above, in the -J shape the agent asks for.
    String jShape = ",state,rtt_avg,\nfirefox.5356,,,\n"
        + "tcp4 192.168.254.212:52429<->55.65.117.34:443,Established,39.81 ms,\n";
    assertThat(NettopSessions.parse(jShape, Set.of(52429))).containsExactly(
        new TcpSession(52429, "55.65.117.34", 443, 39_810L));
    assertThat(NettopSessions.parse(recorded, Set.of(503, 533))).isEmpty();
  }

  @Test
  void theAgentsCommandKeepsEstablishedSocketsOnWatchedPorts() throws Exception {
    // Hand-written in the -J shape: no recording of the agent's exact command was found.
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
    assertThat(NettopSessions.parse("state,rtt_avg\nx,y\n", Set.of(3389))).isEmpty();
  }
}
