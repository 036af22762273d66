package io.farmwatch.agent.detect;

import static io.farmwatch.agent.detect.Findings.observation;

import io.farmwatch.agent.probe.signer.Signer;
import io.farmwatch.agent.probe.signer.SignerProbe;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import io.farmwatch.protocol.report.SocketInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sockets: a listener on a remote-control port means the machine can be driven from elsewhere; an
 * established connection on such a listener means it is being driven now; an outgoing connection
 * to a tool's service port means a session with that tool's relay. The allowlist judges a socket by
 * the executable and signer of the process that holds it, so a sanctioned tool's own port is not
 * an alert.
 */
final class SocketMatcher {

  private final CatalogIndex index;
  private final Allowlist allowlist;
  private final SignerProbe signers;

  SocketMatcher(CatalogIndex index, Allowlist allowlist, SignerProbe signers) {
    this.index = index;
    this.allowlist = allowlist;
    this.signers = signers;
  }

  void match(Report report, Findings findings) {
    if (report.network() == null || report.network().sockets() == null) {
      return;
    }
    List<SocketInfo> sockets = report.network().sockets();
    Map<Integer, String> paths = new HashMap<>();
    if (report.processes() != null) {
      report.processes().stream().filter(p -> p.path() != null).forEach(p -> paths.put(p.pid(), p.path()));
    }
    Set<Integer> listening = new HashSet<>();
    for (SocketInfo s : sockets) {
      if (!"tcp".equals(s.protocol()) || !"LISTEN".equals(s.state())) {
        continue;
      }
      String name = toolOnPort(s.localPort());
      if (name == null || allowed(name, s, paths)) {
        continue;
      }
      listening.add(s.localPort());
      findings.add(FindingKind.REMOTE_ACCESS, name, Severity.HIGH,
          observation("port", s.localPort(), "address", s.localAddress(), "pid", s.pid(), "process", s.processName()),
          "something listens on " + name + "'s remote-control port " + s.localPort()
              + (s.processName() == null ? "" : " (" + s.processName() + ")"));
    }
    for (SocketInfo s : sockets) {
      if (!"tcp".equals(s.protocol()) || !"ESTABLISHED".equals(s.state()) || s.remotePort() == null) {
        continue;
      }
      if (listening.contains(s.localPort())) {
        findings.add(FindingKind.REMOTE_SESSION, toolOnPort(s.localPort()), Severity.HIGH,
            observation("port", s.localPort(), "remoteAddress", s.remoteAddress(), "remotePort", s.remotePort(),
                "pid", s.pid(), "process", s.processName()),
            "an inbound remote-control session from " + s.remoteAddress() + " is open on port " + s.localPort());
      } else if (CatalogIndex.REMOTE_PORTS.containsKey(s.remotePort()) && s.localPort() > 1023) {
        String name = CatalogIndex.REMOTE_PORTS.get(s.remotePort());
        if (!allowed(name, s, paths)) {
          findings.add(FindingKind.REMOTE_ACCESS, name, Severity.MEDIUM,
              observation("remoteAddress", s.remoteAddress(), "remotePort", s.remotePort(), "pid", s.pid(),
                  "process", s.processName()),
              "a connection to " + name + "'s service port " + s.remotePort() + " at " + s.remoteAddress() + " is open");
        }
      }
    }
  }

  private boolean allowed(String name, SocketInfo s, Map<Integer, String> paths) {
    if (allowlist.entries().isEmpty()) {
      return false;
    }
    String path = s.pid() == null ? null : paths.get(s.pid());
    Signer signer = path == null ? null : signers.check(path).signer();
    return allowlist.allows(name, path, signer);
  }

  private String toolOnPort(int port) {
    String known = CatalogIndex.REMOTE_PORTS.get(port);
    if (known != null) {
      return known;
    }
    var tools = index.byPort.get(port);
    if (tools == null) {
      return null;
    }
    return tools.stream().filter(t -> t.kind() == FindingKind.REMOTE_ACCESS && !t.entry().isClient())
        .map(t -> t.entry().name()).findFirst().orElse(null);
  }
}
