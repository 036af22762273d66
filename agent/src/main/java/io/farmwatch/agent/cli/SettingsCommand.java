package io.farmwatch.agent.cli;

import io.farmwatch.agent.platform.ServiceHosting;
import io.farmwatch.agent.runtime.enroll.SilentEnrollmentSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes the silent-enrollment settings file: the MSI's custom action runs this (as SYSTEM) with the
 * FARMWATCH_URL, FARMWATCH_TOKEN and FARMWATCH_CERT_SHA256 properties of the install command line.
 */
@Command(
    name = "settings",
    mixinStandardHelpOptions = true,
    description = {
      "Write the silent-enrollment settings the service enrolls from on its first start (the MSI runs this).",
      "Values left empty keep what the file holds. The file is readable by SYSTEM and Administrators only "
          + "(mode 600 off Windows).",
      "Exit codes: 0 written, 78 a value is invalid."
    })
final class SettingsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", description = "Collector URL, e.g. https://collector.example.com")
  String url;

  @Option(names = "--token", paramLabel = "TOKEN", description = "One-time enrollment token.")
  String token;

  @Option(names = "--cert-sha256", paramLabel = "HEX", description = "SHA-256 of the collector's certificate (colons allowed).")
  String certSha256;

  @Option(names = "--file", paramLabel = "FILE",
      description = "Settings file. Default: %ProgramData%\\FarmWatch\\agent.env on Windows, /etc/farmwatch/agent.env elsewhere.")
  Path file;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Path target = file != null ? file : ServiceHosting.settingsFile();
    try {
      SilentEnrollmentSettings given = SilentEnrollmentSettings.of(url, token, certSha256);
      SilentEnrollmentSettings.read(target).overriddenBy(given).write(target, ServiceHosting::protectSettingsFile);
    } catch (SilentEnrollmentSettings.InvalidSettingsException e) {
      err.println(e.getMessage());
      return ExitCodes.CONFIG;
    }
    spec.commandLine().getOut().println("wrote " + target);
    return ExitCodes.OK;
  }
}
