package io.farmwatch.agent.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the few system commands a probe needs where no API offers the data. Always with a timeout,
 * never through a shell, and never letting a failure escape as anything but a result.
 */
public class CommandRunner {

  /** What a command printed, or why it could not run. */
  public record Output(boolean ok, String stdout, String failure) {}

  public Output run(List<String> command) {
    return run(command, false);
  }

  /**
   * Runs a command.
   *
   * @param withStderr read what it writes to stderr too, interleaved with stdout, for tools that
   *     report there ({@code codesign -dv})
   */
  public Output run(List<String> command, boolean withStderr) {
    Process p;
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      p = (withStderr ? builder.redirectErrorStream(true) : builder.redirectError(ProcessBuilder.Redirect.DISCARD))
          .start();
    } catch (IOException e) {
      return new Output(false, "", command.get(0) + " is not installed or cannot run");
    }
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Output(false, "", String.join(" ", command) + " timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      return p.exitValue() == 0 ? new Output(true, text, null)
          : new Output(false, text, String.join(" ", command) + " exited with " + p.exitValue());
    } catch (IOException e) {
      p.destroyForcibly();
      return new Output(false, "", String.join(" ", command) + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Output(false, "", "interrupted");
    }
  }
}
