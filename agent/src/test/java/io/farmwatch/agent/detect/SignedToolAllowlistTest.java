package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.agent.platform.linux.LinuxPlatform;
import io.farmwatch.agent.platform.linux.PackageSigners;
import io.farmwatch.agent.platform.linux.SystemFiles;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.signer.CachedSignerProbe;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allowlist by signer, live: xdotool as Debian installed it runs (kept alive by its own
 * {@code sleep} command on an Xvfb display), and so does a copy of it elsewhere. A catalog entry
 * for this test only makes xdotool a remote-access tool; the real probes, signer lookup and matcher
 * do the rest.
 */
class SignedToolAllowlistTest {

  static final String TOOL = "xdotool (test entry)";
  static final Catalog CATALOG = Catalog.builtin().withRemoteAccess(List.of(
      new ToolEntry(TOOL, "rmm", List.of("xdotool"), null, null, null, null, "test")));

  @TempDir static Path bin;
  static Process xvfb;
  static String display;
  static final List<Process> running = new ArrayList<>();

  @BeforeAll
  static void startDisplay() throws Exception {
    xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
    display = ":" + out.readLine().strip();
  }

  @AfterAll
  static void stop() throws Exception {
    running.forEach(Process::destroyForcibly);
    for (Process p : running) {
      p.waitFor();
    }
    xvfb.destroy();
    xvfb.waitFor();
  }

  static Process run(Path xdotool) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(xdotool.toString(), "sleep", "300").redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    running.add(p);
    return p;
  }

  /** Waits until the process runs the program (a loaded machine has taken over 300 ms to get there). */
  static void awaitExec(Process p, Path program) throws Exception {
    Path exe = Path.of("/proc", Long.toString(p.pid()), "exe");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!program.toRealPath().equals(readLink(exe))) {
      assertThat(p.isAlive()).as("xdotool sleep runs on " + display).isTrue();
      assertThat(System.nanoTime()).as(exe + " never became " + program).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Path readLink(Path link) {
    try {
      return Files.readSymbolicLink(link);
    } catch (IOException e) {
      return null;
    }
  }

  /** Counts the commands the signer lookup runs, and runs them for real. */
  static final class CountingCommands extends CommandRunner {
    final AtomicInteger runs = new AtomicInteger();

    @Override
    public Output run(List<String> command, boolean withStderr) {
      runs.incrementAndGet();
      return super.run(command, withStderr);
    }
  }

  static List<Finding> withPid(Report report, Process p) {
    return RealProcessDetectionTest.withPid(report, p.pid());
  }

  @Test
  void thePackagedProgramIsAllowedByItsPackageSignerAndACopyOfItElsewhereIsNot() throws Exception {
    Process packaged = run(Path.of("/usr/bin/xdotool"));
    Path copy = Files.copy(Path.of("/usr/bin/xdotool"), bin.resolve("xdotool"));
    Process copied = run(copy);
    // Both past exec, so /proc/PID/exe names the programs themselves and not the JVM's spawn helper.
    awaitExec(packaged, Path.of("/usr/bin/xdotool"));
    awaitExec(copied, copy);

    CountingCommands commands = new CountingCommands();
    Clock clock = Clock.systemUTC();
    Detector detector = new Detector(CATALOG,
        new Allowlist(List.of(new Allowlist.Entry(TOOL, null, "Daniel Kahn Gillmor *"))),
        new CachedSignerProbe(new PackageSigners(new SystemFiles(Path.of("/")), commands), clock));
    ReportAssembler assembler = new ReportAssembler(clock,
        LinuxPlatform.probes(new SystemFiles(Path.of("/")), new CommandRunner(), false, clock), detector);

    Report report = assembler.assemble(null, 1);
    assertThat(withPid(report, packaged)).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.ALLOWED_TOOL);
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.name()).isEqualTo(TOOL);
      @SuppressWarnings("unchecked")
      Map<String, Object> signer = (Map<String, Object>) f.evidence().get("signer");
      assertThat(signer).containsEntry("source", "dpkg").containsEntry("id", "xdotool")
          .containsEntry("name", "Daniel Kahn Gillmor <dkg@fifthhorseman.net>");
    });
    assertThat(withPid(report, copied)).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_ACCESS);
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.name()).isEqualTo(TOOL);
      assertThat(f.evidence()).doesNotContainKey("signer");
      assertThat(f.evidence().get("signerMissing")).asString().contains("no installed package owns " + copy);
    });

    int firstCycle = commands.runs.get();
    assertThat(firstCycle).isPositive();
    Report steady = assembler.assemble(null, 2);
    assertThat(commands.runs.get()).as("commands run by the second cycle").isEqualTo(firstCycle);
    assertThat(withPid(steady, packaged)).extracting(Finding::kind).containsExactly(FindingKind.ALLOWED_TOOL);
  }

  @Test
  void aToolMatchedOnlyByNameSaysWhyItHasNoSigner() {
    Report r = DetectorTest.report(List.of(new ProcessInfo(9, 1, "AnyDesk", null, null, null, null, null)), null);
    assertThat(new Detector(CATALOG, Allowlist.NONE).detect(r)).singleElement().satisfies(f ->
        assertThat(f.evidence().get("signerMissing")).isEqualTo(Map.of("source", "processes[].path",
            "reason", "the executable's path is unreadable, so its signer cannot be looked up")));
  }
}
