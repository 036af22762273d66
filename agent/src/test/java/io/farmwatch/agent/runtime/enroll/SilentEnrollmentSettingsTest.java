package io.farmwatch.agent.runtime.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SilentEnrollmentSettingsTest {

  static final String PIN = "3F:2A:" + "ab".repeat(30);
  @TempDir Path tmp;

  @Test
  void readsTheLinuxAgentEnvFormatWithQuotesCommentsAndTheLastLineOfAKeyWinning() throws IOException {
    Path env = tmp.resolve("agent.env");
    Files.writeString(env, """
        # written by IT
        FARMWATCH_COLLECTOR_URL=https://old.example.com
        FARMWATCH_COLLECTOR_URL="https://collector.example.com"
        FARMWATCH_ENROLL_TOKEN=tok-1
        FARMWATCH_PINNED_SHA256=%s
        OTHER=ignored
        """.formatted(PIN));
    SilentEnrollmentSettings s = SilentEnrollmentSettings.read(env);
    assertThat(s).isEqualTo(new SilentEnrollmentSettings("https://collector.example.com", "tok-1", PIN));
    assertThat(s.missing()).isEmpty();
    assertThat(s.pinnedSha256Hex()).isEqualTo("3f2a" + "ab".repeat(30));
  }

  @Test
  void namesWhatIsMissingAsTheLinuxScriptDoes() throws IOException {
    assertThat(SilentEnrollmentSettings.read(tmp.resolve("absent.env")).missing())
        .containsExactly("FARMWATCH_COLLECTOR_URL", "FARMWATCH_ENROLL_TOKEN");
    assertThat(new SilentEnrollmentSettings("https://c.example.com", "t", " ").missing())
        .containsExactly("FARMWATCH_PINNED_SHA256");
    assertThat(new SilentEnrollmentSettings("http://127.0.0.1:8080", "t", null).missing()).isEmpty();
  }

  @Test
  void refusesValuesThatCannotBeSettings() {
    assertThatThrownBy(() -> SilentEnrollmentSettings.of("https://c.example.com", "tok\nFARMWATCH_COLLECTOR_URL=https://evil", null))
        .isInstanceOf(SilentEnrollmentSettings.InvalidSettingsException.class).hasMessageContaining("FARMWATCH_ENROLL_TOKEN");
    assertThatThrownBy(() -> SilentEnrollmentSettings.of("ftp://c.example.com", "t", null))
        .hasMessageContaining("URL with a host");
    assertThatThrownBy(() -> SilentEnrollmentSettings.of("https://c.example.com", "t", "abc123"))
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> SilentEnrollmentSettings.of("https://c.example.com", "x".repeat(3000), null))
        .hasMessageContaining("at most 2048");
  }

  @Test
  void refusesAFileTooLargeToBeSettings() throws IOException {
    Path big = tmp.resolve("big.env");
    Files.writeString(big, "X=" + "y".repeat(20_000));
    assertThatThrownBy(() -> SilentEnrollmentSettings.read(big)).isInstanceOf(SilentEnrollmentSettings.InvalidSettingsException.class);
  }

  @Test
  void writesOnlyAfterNarrowingAccessAndReadsBackWhatItWrote() throws IOException {
    Path env = tmp.resolve("FarmWatch").resolve("agent.env");
    List<Long> sizesWhenProtected = new ArrayList<>();
    SilentEnrollmentSettings s = SilentEnrollmentSettings.of("https://c.example.com", "tok", PIN);
    s.write(env, f -> {
      sizesWhenProtected.add(Files.size(f));
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    });
    assertThat(sizesWhenProtected).as("protected while still empty").containsExactly(0L);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
    assertThat(SilentEnrollmentSettings.read(env)).isEqualTo(s);

    s.withoutToken().write(env, f -> {});
    assertThat(Files.readString(env)).contains("FARMWATCH_ENROLL_TOKEN=\n").doesNotContain("=tok");
    assertThat(SilentEnrollmentSettings.read(env).missing()).containsExactly("FARMWATCH_ENROLL_TOKEN");
  }

  @Test
  void givenValuesOverrideAndBlankOnesKeepWhatTheFileHolds() throws IOException {
    SilentEnrollmentSettings kept = new SilentEnrollmentSettings("https://old.example.com", "tok", PIN);
    assertThat(kept.overriddenBy(SilentEnrollmentSettings.of("https://new.example.com", "", "")))
        .isEqualTo(new SilentEnrollmentSettings("https://new.example.com", "tok", PIN));
  }
}
