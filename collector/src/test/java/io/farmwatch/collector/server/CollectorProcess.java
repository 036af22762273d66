package io.farmwatch.collector.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built collector jar in a JVM of its own, as the service runs it. */
final class CollectorProcess {

  private CollectorProcess() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Runs a command of the jar to completion; its standard output, or a failed test. */
  static String run(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", CollectorCrashContract.JAR.toString()));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /** Starts {@code serve} with these JVM options and arguments; returns once it listens. */
  static Process serve(Path log, List<String> jvmOptions, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", CollectorCrashContract.JAR.toString(), "serve"));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    for (int i = 0; i < 1200; i++) { // up to a minute on a busy machine
      if (Files.readString(log).contains("listening on")) {
        return p;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    p.destroyForcibly();
    throw new AssertionError("collector did not start: " + Files.readString(log));
  }

  /** The process's heap after a full collection, in KB: what it really holds, garbage aside. */
  static long liveHeapKb(long pid) throws Exception {
    jcmd(pid, "GC.run");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
