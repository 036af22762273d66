package io.farmwatch.agent.probe;

import io.farmwatch.protocol.report.ProcessInfo;
import java.util.List;

/** Running processes, with command lines hashed unless the privacy switch allows them. */
public interface ProcessProbe {
  ProbeResult<List<ProcessInfo>> collect();
}
