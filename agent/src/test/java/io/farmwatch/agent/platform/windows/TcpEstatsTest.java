package io.farmwatch.agent.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decoders on structures laid out as tcpmib.h and tcpestats.h declare them (learn.microsoft.com:
 * MIB_TCPTABLE, MIB_TCPROW, TCP_ESTATS_PATH_ROD_v0), little-endian as on every Windows the agent
 * supports. Composed here byte by byte, not captured on Windows: this machine has none, and no
 * public recording of these structures was found (fixtures/windows/README.md).
 */
class TcpEstatsTest {

  @Test
  void onlyEstablishedRowsOnWatchedPortsAreKeptWithTheirRawBytes() {
    byte[] table = table(
        row(5, "10.0.0.5", 3389, "203.0.113.9", 61000),
        row(2, "0.0.0.0", 3389, "0.0.0.0", 0),          // LISTEN
        row(5, "10.0.0.5", 50123, "93.184.216.34", 443),  // an outgoing connection
        row(5, "10.0.0.5", 5900, "198.51.100.7", 1025));

    List<TcpEstats.Row> rows = TcpEstats.established(table, Set.of(3389, 5900));

    assertThat(rows).extracting(TcpEstats.Row::localPort, TcpEstats.Row::remoteAddress, TcpEstats.Row::remotePort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3389, "203.0.113.9", 61000),
            org.assertj.core.groups.Tuple.tuple(5900, "198.51.100.7", 1025));
    assertThat(rows.get(0).raw()).isEqualTo(row(5, "10.0.0.5", 3389, "203.0.113.9", 61000));
  }

  @Test
  void aTableShorterThanItsCountIsReadAsFarAsItGoes() {
    byte[] whole = table(row(5, "10.0.0.5", 3389, "203.0.113.9", 61000), row(5, "10.0.0.5", 3389, "203.0.113.10", 61001));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);

    assertThat(TcpEstats.established(cut, Set.of(3389))).hasSize(1);
    assertThat(TcpEstats.established(new byte[2], Set.of(3389))).isEmpty();
  }

  @Test
  void theSmoothedRoundTripIsThe28thUlongInMillisecondsAndZeroMeansNoSampleYet() {
    ByteBuffer rod = ByteBuffer.allocate(TcpEstats.PATH_ROD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 40; i++) {
      rod.putInt(i * 4, 1000 + i); // every field different, so a wrong offset shows
    }
    rod.putInt(27 * 4, 182);   // SmoothedRtt
    rod.putInt(30 * 4, 175);   // MinRtt

    assertThat(TcpEstats.smoothedRttMicros(rod.array())).isEqualTo(182_000L);
    rod.putInt(27 * 4, 0);
    assertThat(TcpEstats.smoothedRttMicros(rod.array())).isNull();
    assertThat(TcpEstats.smoothedRttMicros(new byte[100])).isNull();
  }

  private static byte[] table(byte[]... rows) {
    ByteBuffer b = ByteBuffer.allocate(4 + rows.length * TcpEstats.ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(rows.length);
    for (byte[] r : rows) {
      b.put(r);
    }
    return b.array();
  }

  /** A MIB_TCPROW: state, then address and port pairs, each address and port in network byte order. */
  private static byte[] row(int state, String local, int localPort, String remote, int remotePort) {
    ByteBuffer b = ByteBuffer.allocate(TcpEstats.ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(state);
    b.put(ipv4(local)).put((byte) (localPort >> 8)).put((byte) localPort).put(new byte[2]);
    b.put(ipv4(remote)).put((byte) (remotePort >> 8)).put((byte) remotePort).put(new byte[2]);
    return b.array();
  }

  private static byte[] ipv4(String dotted) {
    String[] parts = dotted.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }
}
