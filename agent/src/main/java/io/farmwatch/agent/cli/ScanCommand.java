package io.farmwatch.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.farmwatch.agent.detect.DetectorFactory;
import io.farmwatch.agent.identity.DeviceCredentials;
import io.farmwatch.agent.identity.DeviceIdentityStore;
import io.farmwatch.agent.identity.SequenceCounter;
import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.agent.session.RemoteSessionWatch;
import io.farmwatch.agent.scan.ReportText;
import io.farmwatch.protocol.ProtocolJson;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Collects one report and prints it, optionally signed. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Collect one report from this machine and print it.")
final class ScanCommand implements Callable<Integer> {

  enum Format {
    json,
    text
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--signed",
      description = "Print the signed envelope instead of the bare report (needs --state).")
  boolean signed;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "Agent state folder holding the device key (created on first use).")
  Path state;

  @Option(
      names = "--catalog",
      paramLabel = "DIR",
      description = "Also load LOLRMM-format tool files from this folder (repeatable).")
  List<Path> catalogs = List.of();

  @Option(
      names = "--section",
      paramLabel = "NAME",
      description = "Print only this part of the report as JSON: device, hardware, network, processes,"
          + " peripherals, locale, findings or unavailable.")
  String section;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (signed && state == null) {
      throw new ParameterException(spec.commandLine(), "--signed needs --state DIR for the device key");
    }
    Clock clock = Clock.systemUTC();
    Platform platform = Platform.forThisMachine();
    ReportAssembler assembler = new ReportAssembler(clock, platform.probes(false, clock),
        DetectorFactory.create(catalogs, List.of()), null, new RemoteSessionWatch(platform.sessionProbe(), clock, minute -> { }));
    if (!signed) {
      Report report = assembler.assemble(null, 0);
      if (section != null) {
        JsonNode node = ProtocolJson.mapper().valueToTree(report).get(section);
        if (node == null) {
          throw new ParameterException(spec.commandLine(), "no section '" + section + "' in this report");
        }
        out.println(ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out.flush();
        return 0;
      }
      out.print(format == Format.json ? json(report) : ReportText.format(report));
      out.flush();
      return 0;
    }
    DeviceIdentityStore store = DeviceIdentityStore.open(state);
    DeviceCredentials credentials = store.credentials();
    long sequence = new SequenceCounter(state).next();
    Report report = assembler.assemble(store.deviceId().orElse(null), sequence);
    Envelope envelope = credentials.signer().sign(report);
    out.println(ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(envelope));
    out.flush();
    return 0;
  }

  private static String json(Report report) throws Exception {
    return ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
  }
}
