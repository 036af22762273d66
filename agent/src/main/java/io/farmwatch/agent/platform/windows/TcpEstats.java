package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.probe.TcpSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes what iphlpapi.dll hands back: the IPv4 connection table ({@code MIB_TCPTABLE}, from
 * {@code GetExtendedTcpTable} with {@code TCP_TABLE_BASIC_CONNECTIONS}) and the path statistics of
 * one connection ({@code TCP_ESTATS_PATH_ROD_v0}, from {@code GetPerTcpConnectionEStats} with
 * {@code TcpConnectionEstatsPath}). Layouts as tcpestats.h and tcpmib.h declare them.
 */
final class TcpEstats {

  /** {@code MIB_TCPROW}: five DWORDs, addresses and ports in network byte order. */
  static final int ROW_BYTES = 20;
  /** {@code MIB_TCP_STATE_ESTAB}. */
  static final int STATE_ESTABLISHED = 5;
  /** {@code TCP_ESTATS_PATH_ROD_v0}: forty ULONGs. */
  static final int PATH_ROD_BYTES = 160;
  /** {@code SmoothedRtt} is the 28th ULONG, in milliseconds. */
  private static final int SMOOTHED_RTT_OFFSET = 27 * 4;

  /** One established row on a watched port, with its raw bytes to hand back to GetPerTcpConnectionEStats. */
  record Row(byte[] raw, int localPort, String remoteAddress, int remotePort) {}

  private TcpEstats() {}

  /** The established connections on {@code localPorts} in a {@code MIB_TCPTABLE}. */
  static List<Row> established(byte[] table, Set<Integer> localPorts) {
    ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
    if (table.length < 4) {
      return List.of();
    }
    long entries = Integer.toUnsignedLong(b.getInt(0));
    List<Row> out = new ArrayList<>();
    for (long i = 0; i < entries && 4 + (i + 1) * ROW_BYTES <= table.length; i++) {
      int at = (int) (4 + i * ROW_BYTES);
      int localPort = port(table, at + 8);
      if (b.getInt(at) != STATE_ESTABLISHED || !localPorts.contains(localPort)) {
        continue;
      }
      byte[] raw = new byte[ROW_BYTES];
      System.arraycopy(table, at, raw, 0, ROW_BYTES);
      String remote = (table[at + 12] & 0xff) + "." + (table[at + 13] & 0xff) + "." + (table[at + 14] & 0xff)
          + "." + (table[at + 15] & 0xff);
      out.add(new Row(raw, localPort, remote, port(table, at + 16)));
    }
    return out;
  }

  /** The smoothed round trip in a {@code TCP_ESTATS_PATH_ROD_v0}, or null before the first sample. */
  static Long smoothedRttMicros(byte[] rod) {
    if (rod.length < PATH_ROD_BYTES) {
      return null;
    }
    long millis = Integer.toUnsignedLong(ByteBuffer.wrap(rod).order(ByteOrder.LITTLE_ENDIAN).getInt(SMOOTHED_RTT_OFFSET));
    return millis == 0 ? null : millis * 1000;
  }

  static TcpSession session(Row row, Long rttMicros) {
    return new TcpSession(row.localPort(), row.remoteAddress(), row.remotePort(), rttMicros);
  }

  /** A DWORD port: the port's two bytes in network order, then two unused ones. */
  private static int port(byte[] table, int at) {
    return ((table[at] & 0xff) << 8) | (table[at + 1] & 0xff);
  }
}
