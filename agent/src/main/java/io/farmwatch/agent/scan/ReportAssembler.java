package io.farmwatch.agent.scan;

import io.farmwatch.agent.detect.Detector;
import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.input.InputSampler;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.ProbeSet;
import io.farmwatch.agent.session.RemoteSessionWatch;
import io.farmwatch.protocol.BuildInfo;
import io.farmwatch.protocol.limits.ReportLimits;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Unavailable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds one report from what the probes see now. A probe that fails costs only its own section,
 * which is then listed as unavailable with the failure; the scan always completes.
 */
public final class ReportAssembler {

  private final Clock clock;
  private final ProbeSet probes;
  private final Detector detector;
  private final InputSampler input;
  private final RemoteSessionWatch sessions;
  private final Platform platform;

  /** This machine's probes with default privacy, and the built-in catalog. */
  public ReportAssembler(Clock clock) {
    this(clock, Platform.forThisMachine().probes(false, clock), DetectorFactory.create(List.of(), List.of()));
  }

  public ReportAssembler(Clock clock, ProbeSet probes, Detector detector) {
    this(clock, probes, detector, null, null);
  }

  /**
   * @param input the running input sampler, or null when input sampling is off
   * @param sessions follows the remote-control sessions found, or null to report them as detected
   */
  public ReportAssembler(Clock clock, ProbeSet probes, Detector detector, InputSampler input,
      RemoteSessionWatch sessions) {
    this.clock = clock;
    this.probes = probes;
    this.detector = detector;
    this.input = input;
    this.sessions = sessions;
    this.platform = Platform.forThisMachine();
  }

  /**
   * Collects a report.
   *
   * @param deviceId the enrolled device ID, or null before enrollment
   * @param sequence the report's sequence number
   * @return the report cut to the protocol's limits, with what was cut listed as unavailable, so a
   *     machine with an unusual number of processes or sockets still sends a report the collector takes
   */
  public Report assemble(String deviceId, long sequence) {
    List<Unavailable> unavailable = new ArrayList<>();
    var hardware = run("hardware", probes.hardware()::collect, unavailable);
    var network = run("network", probes.network()::collect, unavailable);
    var processes = run("processes", probes.processes()::collect, unavailable);
    var peripherals = run("peripherals", probes.peripherals()::collect, unavailable);
    var locale = run("locale", probes.locale()::collect, unavailable);
    DeviceInfo device = new DeviceInfo(deviceId, BuildInfo.version(), sequence, clock.instant(), hostname(), platform.os());
    Report detected = detector.withFindings(new Report(Report.SCHEMA_VERSION, device, hardware, network, processes,
        peripherals, locale, null, null, List.of(), unavailable));
    if (sessions != null) {
      detected = detected.withFindings(sessions.observe(detected.findings()));
    }
    return ReportLimits.fit(input == null ? detected : withInput(detected));
  }

  private Report withInput(Report r) {
    InputSampler.Snapshot snapshot = input.snapshot();
    List<Finding> findings = new ArrayList<>(r.findings());
    findings.addAll(snapshot.findings());
    List<Unavailable> unavailable = new ArrayList<>(r.unavailable());
    if (snapshot.unavailable() != null) {
      unavailable.add(snapshot.unavailable());
    }
    return r.withInput(snapshot.activity()).withFindings(findings).withUnavailable(unavailable);
  }

  private static <T> T run(String section, Supplier<ProbeResult<T>> probe, List<Unavailable> unavailable) {
    try {
      ProbeResult<T> result = probe.get();
      unavailable.addAll(result.unavailable());
      return result.value();
    } catch (RuntimeException e) {
      unavailable.add(new Unavailable(section, probe.getClass().getName(), "probe failed: " + e));
      return null;
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
