package io.farmwatch.agent.platform.linux;

import io.farmwatch.protocol.report.SocketInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}: listening and
 * connected sockets, attributed to processes through their socket inodes.
 */
public final class ProcNetSockets {

  /** The owner of a socket inode. */
  public record Owner(int pid, String processName) {}

  private ProcNetSockets() {}

  static String tcpState(String hex) {
    return switch (hex) {
      case "01" -> "ESTABLISHED";
      case "02" -> "SYN_SENT";
      case "03" -> "SYN_RECV";
      case "04" -> "FIN_WAIT1";
      case "05" -> "FIN_WAIT2";
      case "06" -> "TIME_WAIT";
      case "07" -> "CLOSE";
      case "08" -> "CLOSE_WAIT";
      case "09" -> "LAST_ACK";
      case "0A" -> "LISTEN";
      case "0B" -> "CLOSING";
      default -> "UNKNOWN";
    };
  }

  /**
   * Parses one table. Keeps listening and established TCP sockets, and bound UDP sockets; the
   * others (TIME_WAIT and friends) say nothing about who controls the machine.
   */
  public static List<SocketInfo> parse(String table, String protocol, Map<Long, Owner> owners) {
    List<SocketInfo> out = new ArrayList<>();
    String[] lines = table.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].strip().split("\\s+");
      if (f.length < 10) {
        continue;
      }
      String state = protocol.equals("tcp") ? tcpState(f[3])
          : f[3].equals("01") ? "ESTABLISHED" : "UNCONN";
      if (protocol.equals("tcp") && !state.equals("LISTEN") && !state.equals("ESTABLISHED")) {
        continue;
      }
      String[] local = f[1].split(":");
      String[] remote = f[2].split(":");
      long inode;
      try {
        inode = Long.parseLong(f[9]);
      } catch (NumberFormatException e) {
        continue;
      }
      Owner owner = owners.get(inode);
      boolean connected = state.equals("ESTABLISHED");
      out.add(new SocketInfo(protocol, address(local[0]), Integer.parseInt(local[1], 16),
          connected ? address(remote[0]) : null, connected ? Integer.parseInt(remote[1], 16) : null,
          state, owner == null ? null : owner.pid(), owner == null ? null : owner.processName()));
    }
    return out;
  }

  /** The kernel prints addresses as host-order 32-bit words in hex. */
  static String address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = word * 8 + (3 - b) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address: " + hex, e);
    }
  }
}
