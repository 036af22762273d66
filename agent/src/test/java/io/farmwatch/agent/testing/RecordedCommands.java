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

  /** @param fixtures each command line and the resource under {@code /fixtures/} holding its output */
  public RecordedCommands(Map<List<String>, String> fixtures) {
    this.fixtures = Map.copyOf(fixtures);
  }

  @Override
  public Output run(List<String> command) {
    String fixture = fixtures.get(command);
    return fixture == null || RecordedCommands.class.getResource("/fixtures/" + fixture) == null
        ? new Output(false, "", command.get(0) + " is not installed or cannot run")
        : new Output(true, read(fixture), null);
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
