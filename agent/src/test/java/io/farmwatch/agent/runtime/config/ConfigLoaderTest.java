package io.farmwatch.agent.runtime.config;

import io.farmwatch.agent.detect.Allowlist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void readsEveryKey() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "pem");
    Path file = dir.resolve("agent.yaml");
    Files.writeString(file, """
        collector:
          url: https://collector.example.com:8443
          enrollToken: abc
          allowPlainHttp: true
          timeout: 10s
          deadline: 45s
          tls:
            pinnedCertificate: ca.pem
        schedule:
          interval: 60s
          jitter: 0.25
        retry:
          initialBackoff: PT10S
          maxBackoff: 2h
        spool:
          maxBytes: 10MB
          maxReports: 100
        privacy:
          sendCommandLines: true
          inputSampling: false
        detection:
          allowlist:
            - name: TeamViewer
              signer: TeamViewer Germany GmbH
            - path: /opt/approved/*
        logging:
          dir: logs
          level: debug
        """);
    AgentConfig c = ConfigLoader.load(file);
    assertThat(c.collectorUrl()).isEqualTo(URI.create("https://collector.example.com:8443"));
    assertThat(c.enrollToken()).isEqualTo("abc");
    assertThat(c.allowPlainHttp()).isTrue();
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.requestDeadline()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.pinnedCertificate()).isEqualTo(dir.resolve("ca.pem"));
    assertThat(c.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.jitter()).isEqualTo(0.25);
    assertThat(c.initialBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxBackoff()).isEqualTo(Duration.ofHours(2));
    assertThat(c.spool()).isEqualTo(new SpoolLimits(10L * 1024 * 1024, 100));
    assertThat(c.privacy()).isEqualTo(new Privacy(true, false));
    assertThat(c.allowlist()).containsExactly(
        new Allowlist.Entry("TeamViewer", null, "TeamViewer Germany GmbH"),
        new Allowlist.Entry(null, "/opt/approved/*", null));
    assertThat(c.logDir()).isEqualTo(dir.resolve("logs"));
    assertThat(c.logLevel()).isEqualTo("DEBUG");
  }

  @Test
  void anEmptyFileOrNoFileMeansDefaultsWithPrivacyOn() throws Exception {
    AgentConfig c = ConfigLoader.parse("", dir, "test");
    assertThat(c).isEqualTo(AgentConfig.defaults()).isEqualTo(ConfigLoader.load(null));
    assertThat(c.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.requestDeadline()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.privacy().sendCommandLines()).isFalse();
    assertThat(c.privacy().inputSampling()).isTrue();
  }

  @Test
  void reportsEveryProblemAtOnceEachNamingItsKey() {
    String yaml = """
        collector:
          url: ftp://collector
          allowPlainHttp: "yes"
          tls:
            pinnedCertificate: missing.pem
        schedule:
          interval: 0s
          jitter: 1.5
        retry:
          initialBackoff: 1m
          maxBackoff: 10s
        spool:
          maxBytes: 0
          maxReports: -3
          maxFiles: 2
        privacy:
          sendCommandLines: 1
        detection:
          allowlist:
            - {}
            - name: ok
              colour: red
        logging:
          level: loud
        telemetry: {}
        """;
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, dir, "agent.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
            "collector.url: must be an https:// (or http://) URL, got 'ftp://collector'",
            "collector.allowPlainHttp: must be true or false, got 'yes'",
            "collector.tls.pinnedCertificate: file " + dir.resolve("missing.pem") + " does not exist or is not readable",
            "schedule.interval: must be >= PT1S, got PT0S",
            "schedule.jitter: must be a number >= 0 and < 1 (a fraction of the interval), got '1.5'",
            "retry.maxBackoff: must be >= retry.initialBackoff (PT1M)",
            "spool.maxBytes: must be > 0, got 0",
            "spool.maxReports: must be > 0, got -3",
            "spool.maxFiles: unknown key (known here: maxBytes, maxReports)",
            "privacy.sendCommandLines: must be true or false, got '1'",
            "detection.allowlist[0]: needs at least one of name, path, signer (an empty pattern would allow everything)",
            "detection.allowlist[1].colour: unknown key (known here: name, path, signer)",
            "logging.level: must be one of [DEBUG, ERROR, INFO, TRACE, WARN], got 'loud'",
            "telemetry: unknown key (known here: collector, schedule, retry, spool, privacy, detection, logging)"))
        .hasMessageContaining("agent.yaml");
  }

  @Test
  void sizesAndDurationsHaveReadableForms() throws Exception {
    AgentConfig c = ConfigLoader.parse("spool: {maxBytes: 512KB}\nschedule: {interval: 90}\n", dir, "t");
    assertThat(c.spool().maxBytes()).isEqualTo(512 * 1024);
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> ConfigLoader.parse("spool: {maxBytes: lots}\nschedule: {interval: 99999999999999999999h}\n", dir, "t"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
            "schedule.interval: must be a duration such as 90s, 5m, 1h or PT5M, got '99999999999999999999h'",
            "spool.maxBytes: must be a size such as 52428800, 512KB or 50MB, got 'lots'"));
  }

  @Test
  void brokenYamlAndUnreadableFilesAreTypedErrors() throws IOException {
    assertThatThrownBy(() -> ConfigLoader.parse("collector: [unclosed", dir, "t"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
            .asString().startsWith("(file): not valid YAML"));
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement()
            .asString().startsWith("(file): cannot be read"));
    assertThatThrownBy(() -> ConfigLoader.parse("- a list", dir, "t"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be a mapping of sections");
  }
}
