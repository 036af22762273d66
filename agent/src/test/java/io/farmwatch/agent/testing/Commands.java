package io.farmwatch.agent.testing;

import io.farmwatch.agent.cli.AgentMain;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** System commands for tests that build network namespaces and run the agent inside them. */
public final class Commands {

  private Commands() {}

  /** Runs a command and returns its output; a non-zero exit fails the test with that output. */
  public static String run(String... command) throws Exception {
    return run(Map.of(), command);
  }

  /** Runs a command with these variables added to its environment, as {@link #run(String...)}. */
  public static String run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError(String.join(" ", command) + ": " + out);
    }
    return out;
  }

  /** Deletes a namespace if it exists. */
  public static void deleteNamespace(String ns) throws Exception {
    new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
  }

  /** Runs the agent's command line inside a namespace, on this test's classpath. */
  public static String agentInNamespace(String ns, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
    command.addAll(List.of(args));
    return run(command.toArray(String[]::new));
  }
}
