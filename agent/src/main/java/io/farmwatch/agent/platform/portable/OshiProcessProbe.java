package io.farmwatch.agent.platform.portable;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.ProcessProbe;
import io.farmwatch.agent.probe.process.CommandLines;
import io.farmwatch.protocol.report.ProcessInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;

/** Processes through OSHI (Windows and macOS). Command lines are hashed unless allowed. */
public final class OshiProcessProbe implements ProcessProbe {

  private final SystemInfo system;
  private final boolean sendCommandLines;

  public OshiProcessProbe(SystemInfo system, boolean sendCommandLines) {
    this.system = system;
    this.sendCommandLines = sendCommandLines;
  }

  @Override
  public ProbeResult<List<ProcessInfo>> collect() {
    Missing missing = new Missing();
    List<ProcessInfo> out = new ArrayList<>();
    int noPath = 0;
    for (OSProcess p : system.getOperatingSystem().getProcesses()) {
      String path = p.getPath() == null || p.getPath().isBlank() ? null : p.getPath();
      noPath += path == null ? 1 : 0;
      String cmd = p.getCommandLine() == null ? "" : p.getCommandLine().replace('\0', ' ').strip();
      out.add(new ProcessInfo(p.getProcessID(), p.getParentProcessID(), p.getName(), path,
          cmd.isEmpty() ? null : CommandLines.sha256(cmd), sendCommandLines && !cmd.isEmpty() ? cmd : null,
          p.getUser() == null || p.getUser().isBlank() ? null : p.getUser(),
          p.getStartTime() > 0 ? Instant.ofEpochMilli(p.getStartTime()) : null));
    }
    if (noPath > 0) {
      missing.add("processes[].path", "OSHI OSProcess", noPath + " processes' executables could not be read"
          + " (other users' or protected processes; the service account can read them)");
    }
    out.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    return missing.result(out);
  }
}
