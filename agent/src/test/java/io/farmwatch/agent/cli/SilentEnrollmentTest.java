package io.farmwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.farmwatch.agent.runtime.config.AgentConfig;
import io.farmwatch.agent.runtime.enroll.CertificateByHash;
import io.farmwatch.agent.runtime.enroll.SilentEnrollmentSettings;
import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.Keytool;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Windows service's silent enrollment from the MSI's settings file, run here against a real TLS
 * collector on loopback (the file's ACL is Windows-only; mode 600 stands in for it here).
 */
class SilentEnrollmentTest {

  @TempDir static Path keys;
  static LoopbackCollector collector;
  static String pin;

  @TempDir Path tmp;

  @BeforeAll
  static void startTlsCollector() throws Exception {
    Keytool.selfSigned(keys, "collector");
    collector = LoopbackCollector.startTls(keys.resolve("collector.p12"));
    byte[] der = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(keys.resolve("collector.pem")))).getEncoded();
    // Upper case with colons, as Windows' certificate dialog and openssl print it.
    pin = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  private static CommandLine.Model.CommandSpec quietSpec(StringWriter err) {
    CommandLine cli = AgentMain.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.getCommandSpec();
  }

  private SilentEnrollment silent(Path state, Path env) {
    return new SilentEnrollment(state, env, f -> Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------")),
        Duration.ofMillis(50));
  }

  @Test
  void enrollsPinningTheCertificateWithTheGivenHashThenBlanksTheToken() throws Exception {
    collector.allowToken("one-time-1");
    Path env = tmp.resolve("agent.env");
    Path state = tmp.resolve("state");
    assertThat(AgentCli.run("settings", "--file", env.toString(), "--url", collector.url(), "--token", "one-time-1",
        "--cert-sha256", pin).exit()).isZero();

    StringWriter err = new StringWriter();
    assertThat(silent(state, env).enrollWhenReady(AgentConfig.defaults(), quietSpec(err))).as(err.toString()).isZero();

    assertThat(Files.readString(state.resolve("enrollment.json"))).contains("BEGIN CERTIFICATE");
    SilentEnrollmentSettings left = SilentEnrollmentSettings.read(env);
    assertThat(left.enrollToken()).isNull();
    assertThat(left.collectorUrl()).isEqualTo(collector.url());
    assertThat(Files.readString(env)).doesNotContain("one-time-1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
    // Enrolled: the next start goes straight on, whatever the file says now.
    assertThat(silent(state, env).enrollWhenReady(AgentConfig.defaults(), quietSpec(err))).isZero();
  }

  @Test
  void aCertificateWithAnotherHashIsRefusedAndTheTokenKept() throws Exception {
    Path env = tmp.resolve("agent.env");
    Path state = tmp.resolve("state");
    String other = "00".repeat(32);
    SilentEnrollmentSettings.of(collector.url(), "one-time", other).write(env, f -> {});

    assertThatThrownBy(() -> silent(state, env).enrollWhenReady(AgentConfig.defaults(), quietSpec(new StringWriter())))
        .isInstanceOf(CertificateByHash.PinMismatchException.class)
        .hasMessageContaining("not the pinned " + other);
    assertThat(state.resolve("enrollment.json")).doesNotExist();
    assertThat(SilentEnrollmentSettings.read(env).enrollToken()).isEqualTo("one-time");
  }

  @Test
  void waitsQuietlyUntilTheSettingsAreCompleteAndStopsWaitingWhenInterrupted() throws Exception {
    collector.allowToken("one-time-3");
    Path env = tmp.resolve("agent.env");
    Path state = tmp.resolve("state");
    SilentEnrollmentSettings.of(collector.url(), null, pin).write(env, f -> {});
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return silent(state, env).enrollWhenReady(AgentConfig.defaults(), quietSpec(err));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    assertThat(waiting).isNotDone();

    assertThat(AgentCli.run("settings", "--file", env.toString(), "--token", "one-time-3").exit()).isZero();
    assertThat(waiting.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(state.resolve("enrollment.json")).exists();

    Thread waiter = new Thread(() -> {
      try {
        silent(tmp.resolve("other-state"), tmp.resolve("none.env")).enrollWhenReady(AgentConfig.defaults(), quietSpec(err));
      } catch (InterruptedException expected) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    waiter.start();
    waiter.interrupt();
    waiter.join(5_000);
    assertThat(waiter.isAlive()).as("a stop ends the wait").isFalse();
  }

  @Test
  void theSettingsCommandRefusesAnInvalidValueAndLeavesTheFileAsItWas() throws Exception {
    Path env = tmp.resolve("agent.env");
    assertThat(AgentCli.run("settings", "--file", env.toString(), "--url", "https://c.example.com").exit()).isZero();
    String before = Files.readString(env);

    AgentCli.Result bad = AgentCli.run("settings", "--file", env.toString(), "--token", "t", "--cert-sha256", "beef");
    assertThat(bad.exit()).isEqualTo(78);
    assertThat(bad.err()).contains("FARMWATCH_PINNED_SHA256");
    assertThat(Files.readString(env)).isEqualTo(before);
  }
}
