package io.farmwatch.agent.detect;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.probe.signer.SignerProbe;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.Report;
import java.time.Clock;
import java.util.List;

/**
 * Turns what the probes saw into findings: remote-access tools and sessions, VPNs, IP-KVMs and HID
 * gadgets, mouse jigglers, virtual displays and virtual machines. Built once; {@link #detect} is
 * cheap and thread-safe.
 */
public final class Detector {

  private final ProcessMatcher processes;
  private final SocketMatcher sockets;
  private final VpnInterfaceMatcher tunnels = new VpnInterfaceMatcher();
  private final DeviceMatcher devices;
  private final VirtualMachineMatcher virtualMachines = new VirtualMachineMatcher();

  /** A detector that asks this machine who signed each matched executable. */
  public Detector(Catalog catalog, Allowlist allowlist) {
    this(catalog, allowlist, Platform.forThisMachine().signers(Clock.systemUTC()));
  }

  /** @param signers who vouches for an executable that matched the catalog, for evidence and allowlist */
  public Detector(Catalog catalog, Allowlist allowlist, SignerProbe signers) {
    CatalogIndex index = new CatalogIndex(catalog);
    this.processes = new ProcessMatcher(index, allowlist, signers);
    this.sockets = new SocketMatcher(index, allowlist, signers);
    this.devices = new DeviceMatcher(index);
  }

  public List<Finding> detect(Report report) {
    Findings findings = new Findings();
    processes.match(report, findings);
    sockets.match(report, findings);
    tunnels.match(report, findings);
    devices.match(report, findings);
    virtualMachines.match(report, findings);
    return findings.build();
  }

  /** The report with its findings filled in. */
  public Report withFindings(Report r) {
    return r.withFindings(detect(r));
  }
}
