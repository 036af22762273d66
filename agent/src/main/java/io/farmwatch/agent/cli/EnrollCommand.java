package io.farmwatch.agent.cli;

import io.farmwatch.agent.identity.StateFolder;
import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.enroll.Enroller;
import io.farmwatch.agent.runtime.enroll.Enrollment;
import io.farmwatch.agent.runtime.enroll.StateFolderLock;
import io.farmwatch.agent.runtime.transport.CollectorRefusedException;
import io.farmwatch.agent.runtime.transport.CollectorSettings;
import io.farmwatch.agent.runtime.transport.PlainHttpRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Enrolls this device with a collector. */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enroll this device with a collector using a one-time token.",
      "The token may also come from the environment variable " + EnrollCommand.TOKEN_ENV
          + " or collector.enrollToken in the config file, so an MDM can enroll silently."
    })
final class EnrollCommand implements Callable<Integer> {

  static final String TOKEN_ENV = "FARMWATCH_ENROLL_TOKEN";

  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Option(names = "--collector", paramLabel = "URL", description = "Collector base URL, e.g. https://collector.example.com")
  URI collector;

  @Option(names = "--token", paramLabel = "TOKEN", description = "One-time enrollment token.")
  String token;

  @Option(
      names = "--allow-plain-http",
      description = "Permit an http:// collector off loopback (labs only); recorded in the state folder.")
  boolean allowPlainHttp;

  @Option(
      names = "--pinned-certificate",
      paramLabel = "PEM",
      description = "Trust only this CA/certificate for the collector's TLS (overrides collector.tls.pinnedCertificate).")
  Path pinnedCertificate;

  @Option(names = "--force", description = "Enroll again even if this device is enrolled already.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig config = options.loadOrReport(err);
    if (config == null) {
      return ExitCodes.CONFIG;
    }
    URI url = collector != null ? collector : config.collectorUrl();
    String enrollToken = firstNonBlank(token, System.getenv(TOKEN_ENV), config.enrollToken());
    if (url == null || enrollToken == null) {
      err.println("enroll needs " + (url == null ? "--collector URL (or collector.url in the config)" : "")
          + (url == null && enrollToken == null ? " and " : "")
          + (enrollToken == null ? "--token (or " + TOKEN_ENV + ", or collector.enrollToken)" : ""));
      return ExitCodes.CONFIG;
    }
    Path pin = pinnedCertificate != null ? pinnedCertificate : config.pinnedCertificate();
    String pinPem;
    try {
      pinPem = pin == null ? null : Files.readString(pin);
    } catch (IOException e) {
      err.println("cannot read the pinned certificate " + pin + ": " + e);
      return ExitCodes.CONFIG;
    }
    CollectorSettings settings =
        new CollectorSettings(url, allowPlainHttp || config.allowPlainHttp(), pinPem, config.requestTimeout(),
            config.requestDeadline());
    return enroll(options.stateDir(), settings, enrollToken, force, spec);
  }

  /** Enrolls and reports the outcome; shared with {@code run}, which enrolls on first start. */
  static int enroll(Path stateDir, CollectorSettings settings, String token, boolean force, CommandSpec spec)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      StateFolder.secure(stateDir);
    } catch (StateFolder.UnsafeStateFolderException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
    try (StateFolderLock lock = StateFolderLock.acquire(stateDir)) {
      Enrollment enrollment = new Enroller(stateDir, Clock.systemUTC()).enroll(settings, token, force);
      out.println("enrolled as " + enrollment.deviceId() + " with " + enrollment.collectorUrl());
      out.flush();
      return ExitCodes.OK;
    } catch (StateFolderLock.StateFolderBusyException | Enroller.AlreadyEnrolledException e) {
      err.println(e.getMessage());
      return ExitCodes.FAILED;
    } catch (PlainHttpRefusedException | StateFolder.UnsafeStateFolderException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    } catch (CollectorRefusedException e) {
      err.println("enrollment failed: " + e.getMessage());
      return ExitCodes.FAILED;
    } catch (IOException e) {
      err.println("enrollment failed: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }

  static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
