package io.farmwatch.protocol.report;

import java.util.Map;

/**
 * Something the agent itself detected. A finding without a kind or severity reads as {@code OTHER}
 * or {@code INFO}, as an unknown one does.
 *
 * @param name what was found, e.g. {@code AnyDesk}
 * @param evidence the observations, exactly as seen (pid, path, port, interface, USB ID...)
 * @param reason one sentence a person can read: why this is a finding
 */
public record Finding(
    FindingKind kind,
    String name,
    Severity severity,
    Map<String, Object> evidence,
    String reason) {

  public Finding {
    kind = kind == null ? FindingKind.OTHER : kind;
    severity = severity == null ? Severity.INFO : severity;
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }
}
