package io.farmwatch.collector.cli;

import io.farmwatch.protocol.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code farmwatch-collector} command line. */
@Command(
    name = "farmwatch-collector",
    mixinStandardHelpOptions = true,
    versionProvider = CollectorMain.Version.class,
    description = "Receives signed FarmWatch reports and finds laptop farms across the fleet.",
    subcommands = {
      ServeCommand.class,
      TokenCommand.class,
      ApiKeyCommand.class,
      DeviceCommand.class,
      AuditCommand.class,
      RosterCommand.class,
      PolicyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CollectorMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; bad input ends in a one-line message, never a stack trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CollectorMain());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // A message may list several problems, one a line (CommandLineProblems); each gets the prefix.
      String.valueOf(e.getMessage()).lines().forEach(line -> commandLine.getErr().println("farmwatch-collector: " + line));
      return e instanceof IllegalArgumentException ? 2 : 1;
    });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"farmwatch-collector " + BuildInfo.version()};
    }
  }
}
