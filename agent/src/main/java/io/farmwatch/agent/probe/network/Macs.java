package io.farmwatch.agent.probe.network;

import java.util.Locale;

/** MAC address helpers shared by the network and hardware probes. */
public final class Macs {

  private Macs() {}

  /** Lower-case colon form, or null for absent and all-zero addresses. */
  public static String normalize(String mac) {
    if (mac == null) {
      return null;
    }
    String m = mac.strip().toLowerCase(Locale.ROOT).replace('-', ':');
    if (!m.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}") || m.equals("00:00:00:00:00:00")) {
      return null;
    }
    return m;
  }

  /** The locally-administered bit: set on randomized and software-assigned MACs. */
  public static boolean locallyAdministered(String mac) {
    return mac != null && (Integer.parseInt(mac.substring(0, 2), 16) & 0x02) != 0;
  }
}
