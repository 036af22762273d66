package io.farmwatch.agent.runtime.testing;

import io.farmwatch.agent.cli.AgentMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code farmwatch-agent} commands in this JVM, capturing their output. */
public final class AgentCli {

  public record Result(int exit, String out, String err) {}

  private AgentCli() {}

  public static Result run(String... args) {
    CommandLine cli = AgentMain.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }
}
