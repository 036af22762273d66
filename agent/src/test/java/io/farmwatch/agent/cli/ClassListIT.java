package io.farmwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class list the launcher dumps its class-data-sharing archive from (src/main/cds, shipped beside
 * the jar) must name the JDK classes {@code run} loads today: a class missing from it costs metaspace
 * on top of the archive, a class listed but no longer used costs archive pages for nothing. The
 * agent's own and its libraries' classes stay out: the package's 60 MB on disk has no room for them,
 * and they cost less resident memory outside it (docs/runtime.md, "Fitting 60 MB on disk"). This trains
 * the shaded jar the way the service runs (over TLS, pinned, a few cycles far enough apart that each
 * one opens a new connection and resumes the TLS session) and compares. With
 * {@code -Dfarmwatch.classlist.update=true} it rewrites the list instead.
 */
class ClassListIT {

  static final Path LIST = Path.of("src/main/cds/farmwatch-agent.classlist").toAbsolutePath();
  /** Class loading varies a little from run to run (timing, shutdown); more than this is a change. */
  static final double TOLERANCE = 0.02;

  @TempDir Path tmp;

  @Test
  void theShippedClassListMatchesWhatRunLoadsOverTls() throws Exception {
    Path trained = jdkOnly(train());
    if (Boolean.getBoolean("farmwatch.classlist.update")) {
      Files.copy(trained, LIST, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    Set<String> shipped = classes(LIST);
    Set<String> loaded = classes(trained);
    Set<String> missing = new TreeSet<>(loaded);
    missing.removeAll(shipped);
    Set<String> unused = new TreeSet<>(shipped);
    unused.removeAll(loaded);
    int allowed = (int) (shipped.size() * TOLERANCE);
    String hint = "; regenerate with: mvn -o -pl agent -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dit.test=ClassListIT -Dfarmwatch.classlist.update=true";
    assertThat(missing).as("loaded by run but not in " + LIST + hint).hasSizeLessThanOrEqualTo(allowed);
    assertThat(unused).as("in " + LIST + " but no longer loaded by run" + hint).hasSizeLessThanOrEqualTo(allowed);
  }

  @Test
  void classesTheJdkLacksDoNotStopTheDump() throws Exception {
    Path list = tmp.resolve("with-a-stranger.classlist");
    Files.writeString(list, "java/lang/Object\nio/farmwatch/agent/cli/NoSuchClass\nio/farmwatch/agent/cli/AgentMain\n");
    Process dump = new ProcessBuilder(AgentJarIT.javaBin(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
        "-XX:SharedArchiveFile=" + tmp.resolve("a.jsa"), "-cp", AgentJarIT.JAR.toString())
        .redirectErrorStream(true).start();
    String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dump.waitFor()).as(out).isZero();
    assertThat(tmp.resolve("a.jsa")).isNotEmptyFile();
  }

  @Test
  void theShippedClassListNamesOnlyJdkClasses() throws IOException {
    Set<String> jdk = jdkPackages();
    assertThat(classes(LIST)).isNotEmpty().allSatisfy(name -> assertThat(jdk).contains(packageOf(name)));
  }

  /** The trained list's lines for classes of the JDK's own modules, and the JDK's lambda forms. */
  private Path jdkOnly(Path trained) throws IOException {
    Set<String> jdk = jdkPackages();
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(trained)) {
      String[] words = line.split(" ", 3);
      String name = line.startsWith("@lambda-proxy ") && words.length > 1 ? words[1] : words[0];
      if (line.isBlank() || line.startsWith("#") || line.startsWith("@lambda-form-invoker ")
          || jdk.contains(packageOf(name))) {
        kept.add(line);
      }
    }
    Path list = tmp.resolve("jdk.classlist");
    Files.write(list, kept);
    return list;
  }

  private static Set<String> jdkPackages() {
    Set<String> packages = new TreeSet<>();
    for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
      module.descriptor().packages().forEach(p -> packages.add(p.replace('.', '/')));
    }
    return packages;
  }

  private static String packageOf(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash < 0 ? "" : internalName.substring(0, slash);
  }

  private Path train() throws Exception {
    keytool("genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
    keytool("exportcert", "-rfc", "-file", tmp.resolve("collector.pem").toString());
    Path state = tmp.resolve("state");
    Path config = tmp.resolve("agent.yaml");
    // Longer than the JDK's 5 s keep-alive: every cycle connects anew, as at the service's minutes.
    Files.writeString(config, "schedule:\n  interval: 6s\n  jitter: 0\n");
    Path list = tmp.resolve("trained.classlist");
    try (LoopbackCollector collector = LoopbackCollector.startTls(tmp.resolve("collector.p12"))) {
      collector.acceptAnyToken();
      Process enroll = agent(List.of(), "enroll", "--collector", collector.url(), "--token", "t",
          "--pinned-certificate", tmp.resolve("collector.pem").toString(), "--state", state.toString());
      assertThat(enroll.waitFor()).as(Files.readString(tmp.resolve("agent.log"))).isZero();
      Process run = agent(List.of("-XX:DumpLoadedClassList=" + list), "run", "--service", "--state", state.toString(),
          "--config", config.toString());
      try {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (collector.acceptedSequences().size() < 3) {
          assertThat(run.isAlive()).as(Files.readString(tmp.resolve("agent.log"))).isTrue();
          assertThat(Instant.now()).as("three reports delivered").isBefore(deadline);
          Thread.sleep(200);
        }
      } finally {
        run.destroy();
        run.waitFor();
      }
    }
    return list;
  }

  private Process agent(List<String> jvm, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(AgentJarIT.javaBin(), "-Xshare:off", "-XX:+UseSerialGC"));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", AgentJarIT.JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("agent.log").toFile()).start();
  }

  /** The class names of a list; its {@code @lambda-...} lines only refine them. */
  static Set<String> classes(Path list) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(list)) {
      if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("@")) {
        names.add(line.split(" ", 2)[0]);
      }
    }
    return names;
  }

  private void keytool(String command, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-" + command, "-alias", "collector", "-keystore", tmp.resolve("collector.p12").toString(),
        "-storetype", "PKCS12", "-storepass", "changeit"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
