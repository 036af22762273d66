package io.farmwatch.agent.cli;

import io.farmwatch.protocol.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code farmwatch-agent} command line. */
@Command(
    name = "farmwatch-agent",
    mixinStandardHelpOptions = true,
    versionProvider = AgentMain.Version.class,
    description = "Reports what this laptop is, where it sits and who drives it, signed.",
    subcommands = {ScanCommand.class, EnrollCommand.class, RunCommand.class, StatusCommand.class, SessionCommand.class,
        SettingsCommand.class, CommandLine.HelpCommand.class})
public final class AgentMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run commands through it in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new AgentMain());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"farmwatch-agent " + BuildInfo.version()};
    }
  }
}
