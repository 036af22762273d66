package io.farmwatch.agent.probe.signer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on real files: what makes it ask again, and what keeps it from asking. */
class CachedSignerProbeTest {

  @TempDir Path dir;

  /** Records every path it is asked about; files named "signed*" have a signer. */
  final List<String> asked = new ArrayList<>();
  final SignerProbe counting = path -> {
    asked.add(path);
    return path.contains("/signed") ? SignerCheck.found(new Signer("test", "Acme", "A1", Map.of()))
        : SignerCheck.missing("test", "unsigned");
  };

  Instant now = Instant.parse("2026-12-01T00:00:00Z");
  final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  @Test
  void theSameFileIsLookedUpOnceHoweverOftenItIsAskedFor() throws Exception {
    Path file = Files.writeString(dir.resolve("signed-tool"), "v1");
    CachedSignerProbe cache = new CachedSignerProbe(counting, clock);
    for (int cycle = 0; cycle < 100; cycle++) {
      assertThat(cache.check(file.toString()).signer().name()).isEqualTo("Acme");
      now = now.plusSeconds(300);
    }
    assertThat(asked).hasSize(1);
  }

  @Test
  void aRewrittenOrReplacedFileIsLookedUpAgain() throws Exception {
    Path file = Files.writeString(dir.resolve("signed-tool"), "v1");
    CachedSignerProbe cache = new CachedSignerProbe(counting, clock);
    cache.check(file.toString());
    Files.writeString(file, "v2 longer");
    cache.check(file.toString());
    FileTime modified = Files.getLastModifiedTime(file);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified.toMillis() + 5_000));
    cache.check(file.toString());
    Path other = Files.writeString(dir.resolve("other"), "v2 longer");
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    cache.check(file.toString());
    assertThat(asked).hasSize(4);
  }

  @Test
  void aMissingSignerIsAskedForAgainOnlyAfterAnHour() throws Exception {
    Path file = Files.writeString(dir.resolve("tool"), "x");
    CachedSignerProbe cache = new CachedSignerProbe(counting, clock);
    cache.check(file.toString());
    now = now.plus(CachedSignerProbe.RECHECK_MISSING).minusSeconds(1);
    cache.check(file.toString());
    assertThat(asked).hasSize(1);
    now = now.plusSeconds(2);
    assertThat(cache.check(file.toString()).reason()).isEqualTo("unsigned");
    assertThat(asked).hasSize(2);
  }

  @Test
  void aFileThatIsGoneIsNotLookedUpAndSaysSo() {
    CachedSignerProbe cache = new CachedSignerProbe(counting, clock);
    String gone = dir.resolve("deleted-while-running").toString();
    assertThat(cache.check(gone)).isEqualTo(
        SignerCheck.missing(gone, "the file is gone (deleted or replaced while the program runs)"));
    assertThat(asked).isEmpty();
  }

  @Test
  void theCacheKeepsAtMostItsLimitDroppingTheLeastRecentlyUsed() throws Exception {
    CachedSignerProbe cache = new CachedSignerProbe(counting, clock);
    Path first = Files.writeString(dir.resolve("signed-0"), "x");
    cache.check(first.toString());
    for (int i = 1; i <= CachedSignerProbe.MAX_ENTRIES + 10; i++) {
      cache.check(Files.writeString(dir.resolve("signed-" + i), "x").toString());
    }
    assertThat(cache.size()).isEqualTo(CachedSignerProbe.MAX_ENTRIES);
    asked.clear();
    cache.check(first.toString());
    assertThat(asked).containsExactly(first.toString());
  }

  @Test
  void aCheckHasEitherASignerOrAReasonAndItsEvidenceSaysWhich() {
    Signer signer = new Signer("dpkg", "Maintainer <m@example.org>", "pkg", Map.of("version", "1.0"));
    assertThat(SignerCheck.found(signer).evidenceKey()).isEqualTo("signer");
    assertThat(SignerCheck.found(signer).evidence()).containsExactly(Map.entry("source", "dpkg"),
        Map.entry("name", "Maintainer <m@example.org>"), Map.entry("id", "pkg"), Map.entry("version", "1.0"));
    assertThat(SignerCheck.missing("dpkg-query -S /x", "no installed package owns /x").evidenceKey())
        .isEqualTo("signerMissing");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SignerCheck(null, "s", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
