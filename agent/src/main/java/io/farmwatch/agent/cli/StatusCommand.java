package io.farmwatch.agent.cli;

import io.farmwatch.agent.runtime.enroll.Enrollment;
import io.farmwatch.agent.runtime.enroll.EnrollmentStore;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.spool.SpoolSnapshot;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.protocol.ProtocolJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows what the agent last did; reads the state folder only, safe beside a running service. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show enrollment, last successful send, spool depth and last error.")
final class StatusCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Spec CommandSpec spec;

  @Option(names = "--state", paramLabel = "DIR", description = "State folder. Default: the platform's.")
  Path state;

  @Option(names = "--format", defaultValue = "text", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Format format;

  @Override
  public Integer call() throws Exception {
    ConfigOptions defaults = new ConfigOptions();
    defaults.state = state;
    Path dir = defaults.stateDir();
    Optional<Enrollment> enrollment = new EnrollmentStore(dir).load();
    AgentStatus status = new StatusStore(dir).load();
    SpoolSnapshot spool = Spool.inspect(dir);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("stateDir", dir.toString());
      json.put("enrollment", enrollment.map(StatusCommand::withoutPem).orElse(null));
      json.put("status", status);
      json.put("spool", spool);
      out.println(ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } else {
      out.print(text(dir, enrollment, status, spool));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Enrollment withoutPem(Enrollment e) {
    return new Enrollment(e.collectorUrl(), e.deviceId(), e.enrolledAt(), e.allowPlainHttp(),
        e.pinnedCertificatePem() == null ? null : "(pinned)", e.policyKeyPem() == null ? null : "(known)");
  }

  static String text(Path dir, Optional<Enrollment> enrollment, AgentStatus status, SpoolSnapshot spool) {
    StringBuilder b = new StringBuilder();
    b.append("state folder:     ").append(dir).append('\n');
    if (enrollment.isPresent()) {
      Enrollment e = enrollment.get();
      b.append("enrolled:         yes, device ").append(e.deviceId()).append(" since ").append(e.enrolledAt()).append('\n');
      b.append("collector:        ").append(e.collectorUrl())
          .append(e.pinnedCertificatePem() != null ? " (pinned certificate)" : " (system trust)")
          .append(e.allowPlainHttp() ? ", plain http allowed" : "").append('\n');
    } else {
      b.append("enrolled:         no\n");
    }
    b.append("last collection:  ").append(orNever(status.lastCollectionAt())).append('\n');
    b.append("last success:     ").append(orNever(status.lastSuccessAt()))
        .append(status.lastAcceptedSequence() == null ? "" : " (report " + status.lastAcceptedSequence() + ")").append('\n');
    b.append("spool:            ").append(spool.depth()).append(" report(s), ").append(spool.bytes()).append(" bytes")
        .append(spool.oldestSequence() == null ? "" : ", oldest " + spool.oldestSequence()).append('\n');
    b.append("dropped (full):   ").append(spool.totalDrops()).append(" total, ")
        .append(spool.pendingDrops()).append(" not yet reported\n");
    if (status.refusedReports() > 0) {
      b.append("refused reports:  ").append(status.refusedReports()).append(" total, ").append(status.freshReplays())
          .append(" fresh in a row as replayed (the collector holds a higher sequence)\n");
    }
    b.append("last error:       ").append(status.lastError() == null ? "none" : describe(status.lastError())).append('\n');
    if (status.stopped() != null) {
      b.append("STOPPED:          ").append(describe(status.stopped())).append('\n');
    }
    return b.toString();
  }

  private static String orNever(Object value) {
    return value == null ? "never" : value.toString();
  }

  private static String describe(AgentStatus.StatusError e) {
    return e.at() + " " + e.kind() + (e.code() == null ? "" : " [" + e.code() + "]") + ": " + e.message();
  }
}
