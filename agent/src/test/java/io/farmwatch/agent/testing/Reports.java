package io.farmwatch.agent.testing;

import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import java.time.Instant;
import java.util.List;

/** Reports built by hand, for matchers fed what another OS's probes would have seen. */
public final class Reports {

  private Reports() {}

  /** A report whose only content is one running process of this executable (pid 4242). */
  public static Report running(String path) {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    return new Report(1, new DeviceInfo(null, "t", 1, Instant.now(), "h", null), null, null,
        List.of(new ProcessInfo(4242, 1, name, path, null, null, "bob", null)), null, null, null, null, List.of(),
        List.of());
  }
}
