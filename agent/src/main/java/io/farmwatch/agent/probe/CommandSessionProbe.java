package io.farmwatch.agent.probe;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A session probe that runs one OS command for the watched ports and parses what it prints. */
public final class CommandSessionProbe implements SessionProbe {

  /** Reads the command's output, keeping the established connections on {@code localPorts}. */
  @FunctionalInterface
  public interface Parser {
    List<TcpSession> parse(String stdout, Set<Integer> localPorts);
  }

  private final CommandRunner commands;
  private final Function<Set<Integer>, List<String>> command;
  private final Parser parser;

  public CommandSessionProbe(CommandRunner commands, Function<Set<Integer>, List<String>> command, Parser parser) {
    this.commands = commands;
    this.command = command;
    this.parser = parser;
  }

  @Override
  public List<TcpSession> established(Set<Integer> localPorts) throws IOException {
    if (localPorts.isEmpty()) {
      return List.of();
    }
    CommandRunner.Output out = commands.run(command.apply(localPorts));
    if (!out.ok()) {
      throw new IOException(out.failure());
    }
    return parser.parse(out.stdout(), localPorts);
  }
}
