package io.farmwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.BuildInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar runs with {@code java -jar} from any directory. */
class AgentJarIT {

  static final Path JAR = Path.of("target/farmwatch-agent.jar").toAbsolutePath();

  @TempDir Path elsewhere;

  @Test
  void printsItsVersionFromAnyDirectory() throws Exception {
    Process p = new ProcessBuilder(List.of(javaBin(), "-jar", JAR.toString(), "--version"))
        .directory(elsewhere.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out.strip()).isEqualTo("farmwatch-agent " + BuildInfo.version());
  }

  /** The agent signs with the JDK; a bundled crypto library would only cost resident memory. */
  @Test
  void shipsWithoutBouncyCastle() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.stream().map(ZipEntry::getName))
          .isNotEmpty()
          .noneMatch(name -> name.contains("org/bouncycastle/"));
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
