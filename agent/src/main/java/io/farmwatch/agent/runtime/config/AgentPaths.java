package io.farmwatch.agent.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Where an installed agent keeps its state and looks for its configuration, per platform. */
public final class AgentPaths {

  private AgentPaths() {}

  public static Path defaultStateDir() {
    return switch (os()) {
      case "windows" -> programData().resolve("FarmWatch").resolve("agent");
      case "macos" -> Path.of("/Library/Application Support/FarmWatch/agent");
      default -> Path.of("/var/lib/farmwatch-agent");
    };
  }

  /** The platform's config file, if one is installed. */
  public static Optional<Path> installedConfig() {
    Path path = switch (os()) {
      case "windows" -> programData().resolve("FarmWatch").resolve("agent.yaml");
      case "macos" -> Path.of("/Library/Application Support/FarmWatch/agent.yaml");
      default -> Path.of("/etc/farmwatch/agent.yaml");
    };
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  private static Path programData() {
    String dir = System.getenv("ProgramData");
    return Path.of(dir == null ? "C:\\ProgramData" : dir);
  }

  private static String os() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    return name.startsWith("windows") ? "windows" : name.startsWith("mac") ? "macos" : "linux";
  }
}
