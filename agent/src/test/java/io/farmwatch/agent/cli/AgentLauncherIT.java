package io.farmwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/linux/farmwatch-agent, the launcher the systemd unit runs: its class-data-sharing
 * archive is dumped once per jar, class list and JVM, reused, and replaced when they change.
 */
class AgentLauncherIT {

  private static final Path LAUNCHER = Path.of("../packaging/linux/farmwatch-agent").toAbsolutePath().normalize();

  @TempDir Path install;
  @TempDir Path cache;
  private Path jar;

  @BeforeEach
  void installJarAndClassList() throws IOException {
    jar = Files.copy(AgentJarIT.JAR, install.resolve("farmwatch-agent.jar"));
    Files.copy(AgentJarIT.JAR.resolveSibling("farmwatch-agent.classlist"), install.resolve("farmwatch-agent.classlist"));
  }

  private String launch(String javaOpts, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList())
        .redirectErrorStream(true);
    pb.environment().put("FARMWATCH_AGENT_JAR", jar.toString());
    pb.environment().put("FARMWATCH_JAVA", AgentJarIT.javaBin());
    pb.environment().put("FARMWATCH_CACHE_DIR", cache.toString());
    pb.environment().put("FARMWATCH_JAVA_OPTS", javaOpts);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(cache)) {
      return files.toList();
    }
  }

  @Test
  void dumpsTheArchiveOnceAndLoadsTheJdksClassesFromIt() throws Exception {
    assertThat(launch("", "--version").strip()).isEqualTo("farmwatch-agent " + BuildInfo.version());
    List<Path> first = archives();
    assertThat(first).singleElement().satisfies(a -> assertThat(a.getFileName().toString()).matches("agent-\\d+\\.jsa"));
    long dumped = Files.getLastModifiedTime(first.get(0)).toMillis();

    String out = launch("-Xlog:class+load=info", "--version");
    assertThat(archives()).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(first.get(0)).toMillis()).isEqualTo(dumped);
    // With an archive named and -Xshare:auto, a class from "shared objects file" means this archive mapped.
    // It holds the JDK's classes; the agent's come from the jar (docs/runtime.md, "Fitting 60 MB on disk").
    assertThat(out).containsPattern("java\\.lang\\.Object source: shared objects file");
    assertThat(out).containsPattern("io\\.farmwatch\\.agent\\.cli\\.\\S+ source: (file|jar):")
        .doesNotContainPattern("io\\.farmwatch\\.\\S+ source: shared objects file");
  }

  @Test
  void aChangedClassListReplacesTheArchive() throws Exception {
    launch("", "--version");
    List<Path> first = archives();
    Files.writeString(install.resolve("farmwatch-agent.classlist"), "# changed\n", StandardOpenOption.APPEND);
    launch("", "--version");
    assertThat(archives()).hasSize(1).doesNotContainAnyElementsOf(first);
  }

  @Test
  void withoutAClassListItRunsOnTheJdksArchive() throws Exception {
    Files.delete(install.resolve("farmwatch-agent.classlist"));
    assertThat(launch("", "--version").strip()).isEqualTo("farmwatch-agent " + BuildInfo.version());
    assertThat(archives()).isEmpty();
  }
}
