package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One telemetry report: what one agent saw on one device at one moment.
 *
 * <p>Every section is optional: a section the agent could not collect is absent (null), and what it
 * looked for and why it failed is listed in {@link #unavailable()}. Nothing is ever filled with a
 * placeholder such as "unknown". Field-by-field documentation lives in {@code PROTOCOL.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
    int schemaVersion,
    DeviceInfo device,
    HardwareIdentity hardware,
    NetworkState network,
    List<ProcessInfo> processes,
    Peripherals peripherals,
    LocaleInfo locale,
    InputActivity input,
    AgentHealth agent,
    List<Finding> findings,
    List<Unavailable> unavailable) {

  /** The schema version this code writes. Readers accept any version and ignore unknown fields. */
  public static final int SCHEMA_VERSION = 1;

  public Report {
    findings = findings == null ? List.of() : List.copyOf(findings);
    unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    processes = processes == null ? null : List.copyOf(processes);
  }

  // Withers: a pipeline stage changes one section without restating the other ten.

  public Report withInput(InputActivity newInput) {
    return new Report(schemaVersion, device, hardware, network, processes, peripherals, locale, newInput, agent,
        findings, unavailable);
  }

  public Report withAgent(AgentHealth newAgent) {
    return new Report(schemaVersion, device, hardware, network, processes, peripherals, locale, input, newAgent,
        findings, unavailable);
  }

  public Report withFindings(List<Finding> newFindings) {
    return new Report(schemaVersion, device, hardware, network, processes, peripherals, locale, input, agent,
        newFindings, unavailable);
  }

  public Report withUnavailable(List<Unavailable> newUnavailable) {
    return new Report(schemaVersion, device, hardware, network, processes, peripherals, locale, input, agent,
        findings, newUnavailable);
  }
}
