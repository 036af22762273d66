package io.farmwatch.agent.cli;

import io.farmwatch.agent.helper.service.HelperState;
import io.farmwatch.agent.platform.ServiceHosting;
import io.farmwatch.agent.runtime.enroll.Enrollment;
import io.farmwatch.agent.runtime.enroll.EnrollmentStore;
import io.farmwatch.agent.runtime.enroll.SilentEnrollmentSettings;
import io.farmwatch.agent.runtime.spool.Spool;
import io.farmwatch.agent.runtime.spool.SpoolSnapshot;
import io.farmwatch.agent.runtime.status.AgentStatus;
import io.farmwatch.agent.runtime.status.HelperStatusStore;
import io.farmwatch.agent.runtime.status.StatusStore;
import io.farmwatch.agent.runtime.transport.Untrusted;
import io.farmwatch.protocol.ProtocolJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
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
    description = "Show enrollment (and, while not enrolled, what the silent-enrollment settings lack), last"
        + " successful send, spool depth, last error and the session helpers the service hears from.")
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

  @Option(names = "--settings", paramLabel = "FILE",
      description = "While not enrolled, the silent-enrollment settings file to name the gaps of. Default: "
          + "%ProgramData%\\FarmWatch\\agent.env on Windows; elsewhere the packages' launcher checks /etc/farmwatch/agent.env.")
  Path settings;

  /**
   * What a not yet enrolled service still lacks to enroll silently.
   *
   * @param missing the keys the file lacks, as the service names them; empty when complete
   * @param problem why the file cannot be read (not an administrator, say), or null
   */
  record SettingsGaps(String file, List<String> missing, String problem) {

    static SettingsGaps of(Path path) {
      String file = path.toString();
      try {
        return new SettingsGaps(file, SilentEnrollmentSettings.read(path).missing(), null);
      } catch (AccessDeniedException e) {
        // The file holds the token: SYSTEM and Administrators only.
        return new SettingsGaps(file, List.of(), "access denied (run status as an administrator)");
      } catch (SilentEnrollmentSettings.InvalidSettingsException e) {
        return new SettingsGaps(file, List.of(), e.getMessage());
      } catch (IOException e) {
        return new SettingsGaps(file, List.of(), Untrusted.text(e.toString(), 300));
      }
    }

    String describe() {
      if (problem != null) {
        return "cannot read " + file + ": " + problem;
      }
      return missing.isEmpty() ? file + " is complete; the service enrolls from it on its next check (each minute)"
          : file + " lacks: " + String.join(" ", missing);
    }
  }

  @Override
  public Integer call() throws Exception {
    ConfigOptions defaults = new ConfigOptions();
    defaults.state = state;
    Path dir = defaults.stateDir();
    Optional<Enrollment> enrollment = new EnrollmentStore(dir).load();
    AgentStatus status = new StatusStore(dir).load();
    SpoolSnapshot spool = Spool.inspect(dir);
    Optional<HelperStatusStore.Helpers> helpers = new HelperStatusStore(dir, Clock.systemUTC()).load();
    Path settingsFile = settings != null ? settings : ServiceHosting.hostsItself() ? ServiceHosting.settingsFile() : null;
    SettingsGaps gaps = enrollment.isEmpty() && settingsFile != null ? SettingsGaps.of(settingsFile) : null;
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("stateDir", dir.toString());
      json.put("enrollment", enrollment.map(StatusCommand::withoutPem).orElse(null));
      if (gaps != null) {
        json.put("settings", gaps);
      }
      json.put("status", status);
      json.put("spool", spool);
      json.put("sessionHelpers", helpers.orElse(null));
      out.println(ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } else {
      out.print(text(dir, enrollment, gaps, status, spool, helpers));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static Enrollment withoutPem(Enrollment e) {
    return new Enrollment(e.collectorUrl(), e.deviceId(), e.enrolledAt(), e.allowPlainHttp(),
        e.pinnedCertificatePem() == null ? null : "(pinned)", e.policyKeyPem() == null ? null : "(known)");
  }

  static String text(Path dir, Optional<Enrollment> enrollment, SettingsGaps gaps, AgentStatus status,
      SpoolSnapshot spool, Optional<HelperStatusStore.Helpers> helpers) {
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
    if (gaps != null) {
      b.append("settings:         ").append(gaps.describe()).append('\n');
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
    return b.append(helpers(helpers)).toString();
  }

  /** The session helpers as the service last saw them. */
  private static String helpers(Optional<HelperStatusStore.Helpers> helpers) {
    if (helpers.isEmpty()) {
      return "session helpers:  none heard (the service lists them once it runs)\n";
    }
    StringBuilder b = new StringBuilder();
    List<HelperState> all = helpers.get().helpers();
    b.append("session helpers:  ").append(all.isEmpty() ? "none" : all.size()).append(" (as of ")
        .append(helpers.get().at()).append(")\n");
    for (HelperState h : all) {
      b.append("  ").append(shown(h.user())).append(": ")
          .append(h.leftAt() == null ? "connected since " + h.connectedAt() : "left at " + h.leftAt());
      if (h.unavailable() != null) {
        b.append("; cannot sample: ").append(shown(h.unavailable()));
      } else if (h.source() != null) {
        b.append("; sampling with ").append(shown(h.source()));
      }
      if (!h.keyboardLayouts().isEmpty() || !h.inputMethods().isEmpty()) {
        b.append("; layouts ").append(shown(String.join(", ", h.keyboardLayouts())))
            .append(h.inputMethods().isEmpty() ? "" : ", input methods " + shown(String.join(", ", h.inputMethods())));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** What a user's helper sent is that user's to choose: shown with controls and bidirectional overrides escaped. */
  private static String shown(String fromHelper) {
    return Untrusted.text(fromHelper, 600);
  }

  private static String orNever(Object value) {
    return value == null ? "never" : value.toString();
  }

  private static String describe(AgentStatus.StatusError e) {
    return e.at() + " " + e.kind() + (e.code() == null ? "" : " [" + e.code() + "]") + ": " + e.message();
  }
}
