package io.farmwatch.agent.detect;

import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Severity;

/** How much a catalog hit weighs, by what kind of tool it is. */
final class Severities {

  private Severities() {}

  static Severity of(ToolEntry tool, FindingKind kind) {
    String category = tool.category() == null ? "" : tool.category();
    if (kind == FindingKind.VPN) {
      if (tool.name().startsWith("Astrill")) {
        return Severity.HIGH; // named in the advisories on these schemes
      }
      return switch (category) {
        case "consumer", "circumvention", "anonymity", "mesh" -> Severity.MEDIUM;
        default -> Severity.LOW;
      };
    }
    if (tool.isClient()) {
      return Severity.LOW;
    }
    return switch (category) {
      case "tunnel", "web-terminal", "shared-terminal", "remote-dev", "ztna", "employee-monitoring" -> Severity.MEDIUM;
      default -> Severity.HIGH;
    };
  }
}
