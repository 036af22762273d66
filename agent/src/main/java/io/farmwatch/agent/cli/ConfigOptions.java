package io.farmwatch.agent.cli;

import io.farmwatch.agent.platform.Platform;
import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.config.ConfigException;
import io.farmwatch.agent.runtime.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --state}, shared by the runtime commands. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Agent configuration (YAML). Default: the platform's installed config if present.")
  Path config;

  @Option(
      names = "--state",
      paramLabel = "DIR",
      description = "State folder (device key, enrollment, spool). Default: the platform's, e.g. /var/lib/farmwatch-agent.")
  Path state;

  Path stateDir() {
    return state != null ? state : Platform.forThisMachine().defaultStateDir();
  }

  /** The validated config, or null after printing every problem to {@code err}. */
  AgentConfig loadOrReport(PrintWriter err) {
    try {
      return ConfigLoader.load(config != null ? config : Platform.forThisMachine().installedConfig().orElse(null));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return null;
    }
  }
}
