package io.farmwatch.agent.scan;

import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Unavailable;

/** A short summary of a report that a help-desk person can read. */
public final class ReportText {

  private ReportText() {}

  public static String format(Report report) {
    StringBuilder out = new StringBuilder();
    var device = report.device();
    out.append("FarmWatch scan of ").append(device.hostname() == null ? "(no hostname)" : device.hostname())
        .append(" at ").append(device.collectedAt()).append('\n');
    if (device.os() != null) {
      out.append("  OS: ").append(device.os().name()).append(' ').append(device.os().version())
          .append(" (").append(device.os().arch()).append(")\n");
    }
    out.append("  Agent: ").append(device.agentVersion())
        .append(device.deviceId() == null ? ", not enrolled" : ", device " + device.deviceId())
        .append('\n');
    out.append('\n');
    if (report.findings().isEmpty()) {
      out.append("Findings: none\n");
    } else {
      out.append("Findings (").append(report.findings().size()).append("):\n");
      for (Finding f : report.findings()) {
        out.append("  [").append(f.severity()).append("] ").append(f.kind()).append(": ")
            .append(f.name()).append(" - ").append(f.reason()).append('\n');
      }
    }
    if (!report.unavailable().isEmpty()) {
      out.append("\nCould not read (").append(report.unavailable().size()).append("):\n");
      for (Unavailable u : report.unavailable()) {
        out.append("  ").append(u.field()).append(" from ").append(u.source()).append(": ")
            .append(u.reason()).append('\n');
      }
    }
    return out.toString();
  }
}
