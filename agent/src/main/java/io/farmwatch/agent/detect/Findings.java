package io.farmwatch.agent.detect;

import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings under construction: one per (kind, name), so a tool seen as a process, a listening port
 * and an open session becomes one finding with all three observations, at the highest severity.
 */
final class Findings {

  private static final class Draft {
    final FindingKind kind;
    final String name;
    Severity severity;
    final List<Map<String, Object>> observations = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    Draft(FindingKind kind, String name, Severity severity) {
      this.kind = kind;
      this.name = name;
      this.severity = severity;
    }
  }

  private final Map<String, Draft> drafts = new LinkedHashMap<>();

  void add(FindingKind kind, String name, Severity severity, Map<String, Object> observation, String reason) {
    Draft d = drafts.computeIfAbsent(kind + "|" + name, k -> new Draft(kind, name, severity));
    if (severity.compareTo(d.severity) > 0) {
      d.severity = severity;
    }
    if (!d.observations.contains(observation)) {
      d.observations.add(observation);
    }
    if (!d.reasons.contains(reason)) {
      d.reasons.add(reason);
    }
  }

  boolean has(FindingKind kind, String name) {
    return drafts.containsKey(kind + "|" + name);
  }

  List<Finding> build() {
    List<Finding> out = new ArrayList<>();
    for (Draft d : drafts.values()) {
      Map<String, Object> evidence = d.observations.size() == 1
          ? d.observations.get(0) : Map.of("observations", List.copyOf(d.observations));
      out.add(new Finding(d.kind, d.name, d.severity, evidence, String.join("; ", d.reasons)));
    }
    return out;
  }

  /** An observation map that keeps insertion order and drops absent values. */
  static Map<String, Object> observation(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        m.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return m;
  }
}
