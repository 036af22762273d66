package io.farmwatch.agent.scan;

import io.farmwatch.protocol.BuildInfo;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.OsInfo;
import io.farmwatch.protocol.report.Report;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Builds one report from what the agent can see now. */
public final class ReportAssembler {

  private final Clock clock;

  public ReportAssembler(Clock clock) {
    this.clock = clock;
  }

  /**
   * Collects a report.
   *
   * @param deviceId the enrolled device ID, or null before enrollment
   * @param sequence the report's sequence number
   */
  public Report assemble(String deviceId, long sequence) {
    DeviceInfo device =
        new DeviceInfo(
            deviceId, BuildInfo.version(), sequence, clock.instant(), hostname(), os());
    return new Report(
        Report.SCHEMA_VERSION, device, null, null, null, null, null, null, null, List.of(), List.of());
  }

  private static OsInfo os() {
    String name = System.getProperty("os.name");
    String lower = name.toLowerCase(Locale.ROOT);
    String family =
        lower.startsWith("windows") ? "windows" : lower.startsWith("mac") ? "macos" : "linux";
    return new OsInfo(family, name, System.getProperty("os.version"), null, System.getProperty("os.arch"));
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
