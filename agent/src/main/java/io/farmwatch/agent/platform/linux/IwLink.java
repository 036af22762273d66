package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.network.Macs;
import io.farmwatch.protocol.report.WifiLink;

/** Parses {@code iw dev IFACE link}, the nl80211 view of the current association. */
public final class IwLink {

  private IwLink() {}

  /** The association, or null when the interface is not connected. */
  public static WifiLink parse(String interfaceName, String output) {
    String bssid = null;
    String ssid = null;
    Integer signal = null;
    Integer freq = null;
    for (String raw : output.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("Connected to ")) {
        bssid = Macs.normalize(line.substring(13).split("\\s+")[0]);
      } else if (line.startsWith("SSID: ")) {
        ssid = line.substring(6);
      } else if (line.startsWith("signal: ")) {
        signal = leadingInt(line.substring(8));
      } else if (line.startsWith("freq: ")) {
        freq = leadingInt(line.substring(6));
      }
    }
    return bssid == null ? null : new WifiLink(interfaceName, ssid, bssid, signal, freq);
  }

  private static Integer leadingInt(String s) {
    String number = s.strip().split("[\\s.]")[0];
    try {
      return Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
