package io.farmwatch.agent.platform.windows;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.farmwatch.agent.probe.SessionProbe;
import io.farmwatch.agent.probe.TcpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Windows' own per-connection statistics: the IPv4 connection table, then for each established
 * connection on a watched port {@code GetPerTcpConnectionEStats(TcpConnectionEstatsPath)}. Windows
 * collects these only for connections it was asked to ({@code SetPerTcpConnectionEStats}, which
 * needs the administrator rights the agent service runs with), so a session's first look enables
 * collection and the next minute's look reads the round trip.
 */
final class EstatsSessions implements SessionProbe {

  private static final int AF_INET = 2;
  private static final int TCP_TABLE_BASIC_CONNECTIONS = 1;
  private static final int TCP_CONNECTION_ESTATS_PATH = 3;
  private static final int ERROR_INSUFFICIENT_BUFFER = 122;
  private static final int MAX_TABLE_BYTES = 4 * 1024 * 1024;

  /** The three iphlpapi.dll functions this needs, declared as the SDK does. */
  interface IpHelper extends Library {
    int GetExtendedTcpTable(Pointer table, IntByReference size, boolean sorted, int family, int tableClass, int reserved);

    int SetPerTcpConnectionEStats(Pointer row, int type, Pointer rw, int rwVersion, int rwSize, int offset);

    int GetPerTcpConnectionEStats(Pointer row, int type, Pointer rw, int rwVersion, int rwSize, Pointer ros,
        int rosVersion, int rosSize, Pointer rod, int rodVersion, int rodSize);
  }

  @Override
  public List<TcpSession> established(Set<Integer> localPorts) throws IOException {
    IpHelper ip;
    try {
      ip = Native.load("iphlpapi", IpHelper.class);
    } catch (UnsatisfiedLinkError e) {
      throw new IOException("iphlpapi.dll cannot be loaded: " + e.getMessage(), e);
    }
    List<TcpSession> out = new ArrayList<>();
    for (TcpEstats.Row row : TcpEstats.established(table(ip), localPorts)) {
      Memory nativeRow = new Memory(TcpEstats.ROW_BYTES);
      nativeRow.write(0, row.raw(), 0, TcpEstats.ROW_BYTES);
      Memory enable = new Memory(1);
      enable.setByte(0, (byte) 1);
      ip.SetPerTcpConnectionEStats(nativeRow, TCP_CONNECTION_ESTATS_PATH, enable, 0, 1, 0);
      Memory rod = new Memory(TcpEstats.PATH_ROD_BYTES);
      rod.clear();
      int status = ip.GetPerTcpConnectionEStats(nativeRow, TCP_CONNECTION_ESTATS_PATH, null, 0, 0, null, 0, 0,
          rod, 0, TcpEstats.PATH_ROD_BYTES);
      out.add(TcpEstats.session(row, status == 0 ? TcpEstats.smoothedRttMicros(rod.getByteArray(0, TcpEstats.PATH_ROD_BYTES)) : null));
    }
    return out;
  }

  private static byte[] table(IpHelper ip) throws IOException {
    IntByReference size = new IntByReference(0);
    ip.GetExtendedTcpTable(null, size, false, AF_INET, TCP_TABLE_BASIC_CONNECTIONS, 0);
    for (int attempt = 0; attempt < 3; attempt++) {
      // The table may grow between the size query and the read; ask for some room to spare.
      int bytes = Math.min(MAX_TABLE_BYTES, size.getValue() + 16 * TcpEstats.ROW_BYTES);
      Memory buffer = new Memory(bytes);
      size.setValue(bytes);
      int status = ip.GetExtendedTcpTable(buffer, size, false, AF_INET, TCP_TABLE_BASIC_CONNECTIONS, 0);
      if (status == 0) {
        return buffer.getByteArray(0, Math.min(bytes, size.getValue()));
      }
      if (status != ERROR_INSUFFICIENT_BUFFER || bytes == MAX_TABLE_BYTES) {
        throw new IOException("GetExtendedTcpTable failed with " + status);
      }
    }
    throw new IOException("GetExtendedTcpTable kept growing");
  }
}
