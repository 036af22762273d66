package io.farmwatch.agent.testing;

import io.farmwatch.agent.probe.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Replays recorded command output from test resources; a command with no recording (or whose
 * recording is not there) fails as if it were not installed.
 */
public final class RecordedCommands extends CommandRunner {

  private final Map<List<String>, String> fixtures;
  private final Map<List<String>, Integer> exitCodes;

  /** @param fixtures each command line and the resource under {@code /fixtures/} holding its output */
  public RecordedCommands(Map<List<String>, String> fixtures) {
    this(fixtures, Map.of());
  }

  /** @param exitCodes the recorded exit status of commands that did not exit with 0 */
  public RecordedCommands(Map<List<String>, String> fixtures, Map<List<String>, Integer> exitCodes) {
    this.fixtures = Map.copyOf(fixtures);
    this.exitCodes = Map.copyOf(exitCodes);
  }

  @Override
  public Output run(List<String> command, boolean withStderr) {
    String fixture = fixtures.get(command);
    if (fixture == null || RecordedCommands.class.getResource("/fixtures/" + fixture) == null) {
      return new Output(false, "", command.get(0) + " is not installed or cannot run");
    }
    Integer exit = exitCodes.get(command);
    return exit == null ? new Output(true, read(fixture), null)
        : new Output(false, read(fixture), String.join(" ", command) + " exited with " + exit);
  }

  /** A recorded output under {@code /fixtures/}. */
  public static String read(String fixture) {
    try (InputStream in = RecordedCommands.class.getResourceAsStream("/fixtures/" + fixture)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + fixture);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
