package io.farmwatch.collector.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.Gateway;
import io.farmwatch.protocol.report.HardwareIdentity;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.WifiLink;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the machine list shows of a device, taken from its latest report. Kept beside the device so
 * it outlives the raw reports that retention prunes.
 *
 * <p>Bounded to a few kilobytes whatever the report held, so a page of a thousand machines stays
 * small: at most {@link #MAX_FINDINGS} findings (the rest counted in {@code moreFindings}), reasons
 * cut to {@link #MAX_REASON_CHARS}, and evidence over {@link #MAX_EVIDENCE_BYTES} replaced by a note;
 * the raw report keeps all of it.
 *
 * @param moreFindings findings of the report not listed in {@code openFindings}; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachineSummary(
    String os, String vendor, String model, String serial, String fingerprint, String timezone,
    List<String> gatewayMacs, List<String> wifiBssids, List<Finding> openFindings, Integer moreFindings) {

  static final int MAX_FINDINGS = 16;
  static final int MAX_VALUES = 16;
  static final int MAX_CHARS = 256;
  static final int MAX_REASON_CHARS = 512;
  static final int MAX_EVIDENCE_BYTES = 1024;

  public static MachineSummary of(Report report) {
    HardwareIdentity hw = report.hardware();
    String os = report.device().os() == null ? null
        : join(report.device().os().name(), report.device().os().version());
    List<String> gateways = report.network() == null || report.network().defaultGateways() == null
        ? List.of()
        : report.network().defaultGateways().stream().map(Gateway::mac).filter(Objects::nonNull).distinct().toList();
    List<String> bssids = report.network() == null || report.network().wifi() == null
        ? List.of()
        : report.network().wifi().stream().map(WifiLink::bssid).filter(Objects::nonNull).distinct().toList();
    return new MachineSummary(os,
        hw == null ? null : hw.vendor(), hw == null ? null : hw.model(),
        hw == null ? null : hw.serial(), hw == null ? null : hw.fingerprint(),
        report.locale() == null ? null : report.locale().timezone(),
        gateways, bssids, report.findings(), null).bounded();
  }

  /**
   * This summary within its bounds; also applied to summaries read back from storage, which older
   * collectors wrote without them.
   */
  public MachineSummary bounded() {
    List<Finding> findings = openFindings == null ? List.of() : openFindings;
    int more = Math.max(0, findings.size() - MAX_FINDINGS) + (moreFindings == null ? 0 : moreFindings);
    return new MachineSummary(cut(os), cut(vendor), cut(model), cut(serial), cut(fingerprint), cut(timezone),
        values(gatewayMacs), values(wifiBssids),
        findings.stream().limit(MAX_FINDINGS).map(MachineSummary::bounded).toList(), more == 0 ? null : more);
  }

  private static Finding bounded(Finding f) {
    String reason = f.reason() == null || f.reason().length() <= MAX_REASON_CHARS ? f.reason()
        : f.reason().substring(0, MAX_REASON_CHARS) + "…";
    return new Finding(f.kind(), cut(f.name()), f.severity(), smallEvidence(f.evidence()), reason);
  }

  private static Map<String, Object> smallEvidence(Map<String, Object> evidence) {
    try {
      int size = ProtocolJson.mapper().writeValueAsBytes(evidence).length;
      return size <= MAX_EVIDENCE_BYTES ? evidence
          : Map.of("omitted", "evidence of " + size + " bytes; the machine's reports hold it");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("evidence read from JSON writes as JSON", e);
    }
  }

  private static List<String> values(List<String> values) {
    return values == null ? List.of()
        : values.stream().filter(v -> v != null && v.length() <= MAX_CHARS).limit(MAX_VALUES).toList();
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS) + "…";
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + " " + b;
  }
}
