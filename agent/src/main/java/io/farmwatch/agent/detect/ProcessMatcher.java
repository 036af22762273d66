package io.farmwatch.agent.detect;

import static io.farmwatch.agent.detect.Findings.observation;

import io.farmwatch.agent.detect.catalog.DeviceEntry;
import io.farmwatch.agent.detect.catalog.ExecutableNames;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.probe.signer.SignerProbe;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.util.Map;

/**
 * Remote-access tools, VPN clients and jiggler programs among the running processes, by the file
 * name of the full executable path. Only when the path is unreadable does the process name count,
 * and a 15-character name then matches a longer catalog name it could be the cut-off form of. A
 * matched executable's signer goes into the evidence and decides, with name and path, whether the
 * allowlist sanctions it.
 */
final class ProcessMatcher {

  private final CatalogIndex index;
  private final Allowlist allowlist;
  private final SignerProbe signers;

  ProcessMatcher(CatalogIndex index, Allowlist allowlist, SignerProbe signers) {
    this.index = index;
    this.allowlist = allowlist;
    this.signers = signers;
  }

  void match(Report report, Findings findings) {
    if (report.processes() == null) {
      return;
    }
    for (ProcessInfo p : report.processes()) {
      String source = p.path() != null ? p.path() : p.name();
      if (source == null) {
        continue;
      }
      String key = ExecutableNames.key(source);
      CatalogIndex.Tool tool = index.executable(key);
      String matchedOn = p.path() != null ? "path" : "name";
      if (tool == null && p.path() == null && key.length() == ExecutableNames.COMM_LENGTH) {
        tool = index.commPrefixes.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue)
            .findFirst().orElse(null);
        matchedOn = "truncated name";
      }
      if (tool == null && p.path() != null) {
        tool = index.installedUnder(p.path());
        matchedOn = tool == null ? matchedOn : "install path";
      }
      if (tool != null) {
        report(tool, p, matchedOn, findings);
        continue;
      }
      DeviceEntry jiggler = index.jigglerByExecutable.get(key);
      if (jiggler != null) {
        findings.add(FindingKind.MOUSE_JIGGLER, jiggler.name(), Severity.HIGH,
            observation("pid", p.pid(), "path", p.path(), "process", p.name()),
            "a mouse-jiggler program is running (" + source + ")");
      }
    }
  }

  private void report(CatalogIndex.Tool tool, ProcessInfo p, String matchedOn, Findings findings) {
    Map<String, Object> evidence = observation("pid", p.pid(), "path", p.path(), "process", p.name(),
        "user", p.user(), "matchedOn", matchedOn, "catalogSource", tool.entry().source());
    SignerCheck signed = p.path() != null ? signers.check(p.path())
        : SignerCheck.missing("processes[].path",
            "the executable's path is unreadable, so its signer cannot be looked up");
    evidence.put(signed.evidenceKey(), signed.evidence());
    if (allowlist.allows(tool.entry().name(), p.path(), signed.signer())) {
      findings.add(FindingKind.ALLOWED_TOOL, tool.entry().name(), Severity.INFO, evidence,
          tool.entry().name() + " is running and is on the company's allowlist");
      return;
    }
    String what = tool.kind() == FindingKind.VPN ? "VPN client" : tool.entry().isClient()
        ? "remote-access client (this machine controls others)" : "remote-access tool";
    findings.add(tool.kind(), tool.entry().name(), Severities.of(tool.entry(), tool.kind()), evidence,
        tool.entry().name() + " " + what + " is running (" + (p.path() != null ? p.path() : p.name()) + ")");
  }
}
