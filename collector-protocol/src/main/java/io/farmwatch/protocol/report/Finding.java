package io.farmwatch.protocol.report;

import java.util.Map;

/**
 * Something the agent itself detected.
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
    evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
  }
}
