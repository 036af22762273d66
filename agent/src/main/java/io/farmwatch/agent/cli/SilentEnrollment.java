package io.farmwatch.agent.cli;

import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.enroll.CertificateByHash;
import io.farmwatch.agent.runtime.enroll.EnrollmentStore;
import io.farmwatch.agent.runtime.enroll.SilentEnrollmentSettings;
import io.farmwatch.agent.runtime.transport.CollectorSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Enrolls the Windows service from the installer's settings file, as the Linux packages'
 * farmwatch-agent-enroll-env does from agent.env: enroll once, pinning the certificate whose SHA-256
 * the installer was given, then blank the token. While the file lacks something the service stays
 * up and quiet, saying once what is missing and looking again every minute.
 */
final class SilentEnrollment {

  static final Duration RECHECK = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(SilentEnrollment.class);

  private final Path state;
  private final Path settingsFile;
  private final SilentEnrollmentSettings.FileProtection protection;
  private final Duration recheck;

  SilentEnrollment(Path state, Path settingsFile, SilentEnrollmentSettings.FileProtection protection, Duration recheck) {
    this.state = state;
    this.settingsFile = settingsFile;
    this.protection = protection;
    this.recheck = recheck;
  }

  /** Returns once enrolled (an exit code of {@link ExitCodes}), after enrolling if needed. */
  int enrollWhenReady(AgentConfig config, CommandSpec spec) throws IOException, InterruptedException {
    String reported = null;
    SilentEnrollmentSettings settings;
    while (true) {
      if (new EnrollmentStore(state).load().isPresent()) {
        return ExitCodes.OK;
      }
      settings = SilentEnrollmentSettings.read(settingsFile);
      List<String> missing = settings.missing();
      if (missing.isEmpty()) {
        break;
      }
      String message = "not enrolled; " + settingsFile + " lacks: " + String.join(" ", missing);
      if (!message.equals(reported)) {
        LOG.warn(message);
        reported = message;
      }
      Thread.sleep(recheck.toMillis());
    }
    URI url = URI.create(settings.collectorUrl());
    String pem = settings.pinnedSha256() == null ? null
        : CertificateByHash.fetch(url, settings.pinnedSha256Hex(), config.requestTimeout());
    int enrolled = EnrollCommand.enroll(state,
        new CollectorSettings(url, config.allowPlainHttp(), pem, config.requestTimeout(), config.requestDeadline()),
        settings.enrollToken(), false, spec);
    if (enrolled == ExitCodes.OK) {
      // One use only: the token must not outlive the enrollment on disk.
      settings.withoutToken().write(settingsFile, protection);
    }
    return enrolled;
  }
}
