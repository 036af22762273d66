package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.probe.signer.Signer;
import io.farmwatch.agent.probe.signer.SignerCheck;
import io.farmwatch.agent.testing.RecordedCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dpkg live on this Debian machine (xdotool is in scripts/test-packages.txt), rpm on recorded
 * {@code rpm -qi} output from Fedora, RHEL 6 and CentOS 7 (sources in fixtures/signers/README.md).
 */
class PackageSignersTest {

  static final String XDOTOOL = "/usr/bin/xdotool";

  @TempDir Path dir;

  final PackageSigners live = new PackageSigners(new SystemFiles(Path.of("/")), new CommandRunner());

  @Test
  void aDpkgInstalledProgramIsVouchedForByItsPackageUnmodified() {
    SignerCheck check = live.check(XDOTOOL);
    Signer signer = check.signer();
    assertThat(signer).as(String.valueOf(check)).isNotNull();
    assertThat(signer.source()).isEqualTo("dpkg");
    assertThat(signer.id()).isEqualTo("xdotool");
    assertThat(signer.name()).isEqualTo("Daniel Kahn Gillmor <dkg@fifthhorseman.net>");
    assertThat(signer.details()).containsEntry("package", "xdotool").containsEntry("status", "installed")
        .containsEntry("md5", "matches /var/lib/dpkg/info/xdotool.md5sums").containsKey("version");
  }

  @Test
  void onAMergedUsrTheProgramIsFoundUnderThePathItsPackageLists() {
    // /proc/PID/exe says /usr/bin/sleep; coreutils still lists /bin/sleep.
    Signer signer = live.check("/usr/bin/sleep").signer();
    assertThat(signer.id()).isEqualTo("coreutils");
    assertThat(signer.details()).containsEntry("listedAs", "/bin/sleep");
  }

  @Test
  void aCopyOfAPackagedProgramElsewhereHasNoSigner() throws Exception {
    Path copy = Files.copy(Path.of(XDOTOOL), dir.resolve("xdotool"), StandardCopyOption.COPY_ATTRIBUTES);
    SignerCheck check = live.check(copy.toString());
    assertThat(check.signer()).isNull();
    assertThat(check.source()).contains("dpkg-query -S " + copy);
    assertThat(check.reason()).contains("no installed package owns " + copy);
  }

  @Test
  void aGlobInThePathMatchesOnlyItselfNotThePackagedFileItLooksLike() {
    // dpkg-query would read '?' as any character and answer for /usr/bin/xdotool.
    assertThat(live.check("/usr/bin/xdotoo?").reason()).startsWith("no installed package owns /usr/bin/xdotoo?");
    assertThat(Dpkg.escapeGlob("/opt/a*b?[c]\\d")).isEqualTo("/opt/a\\*b\\?\\[c]\\\\d");
  }

  @Test
  void aPackagedPathWhoseContentIsNotWhatThePackageInstalledLosesItsSigner() throws Exception {
    // A private root whose dpkg database lists this file with xdotool's real MD5, then a different file in its place.
    SystemFiles root = new SystemFiles(dir);
    Files.createDirectories(root.path("/var/lib/dpkg/info"));
    Files.writeString(root.path("/var/lib/dpkg/status"), "");
    Files.writeString(root.path("/var/lib/dpkg/info/xdotool.md5sums"),
        "811c31f0ba2cf86161ed1ee05e3c4e88  usr/bin/xdotool\n");
    Files.createDirectories(root.path("/usr/bin"));
    Files.writeString(root.path(XDOTOOL), "#!/bin/sh\necho not xdotool\n");
    CommandRunner dpkg = new RecordedCommands(Map.of(
        List.of("dpkg-query", "-S", XDOTOOL), "signers/dpkg-query-S-xdotool.txt",
        List.of("dpkg-query", "-W", "-f=" + Dpkg.FIELDS, "xdotool"), "signers/dpkg-query-W-xdotool.txt"));
    SignerCheck check = new Dpkg(root, dpkg).check(XDOTOOL);
    assertThat(check.signer()).isNull();
    assertThat(check.source()).isEqualTo("/var/lib/dpkg/info/xdotool.md5sums");
    assertThat(check.reason())
        .startsWith(XDOTOOL + " belongs to package xdotool but is not the file it installed (MD5 ")
        .endsWith("the package lists 811c31f0ba2cf86161ed1ee05e3c4e88)");
  }

  @Test
  void dpkgOwnerLinesSkipDiversionsAndKeepMultiArchQualifiers() {
    assertThat(Dpkg.owners(RecordedCommands.read("signers/dpkg-query-S-diverted.txt"), List.of("/usr/bin/pg_config")))
        .containsExactly(Map.entry("/usr/bin/pg_config", "postgresql-common"));
    assertThat(Dpkg.owners(RecordedCommands.read("signers/dpkg-query-S-diverted.txt"),
        List.of("/usr/bin/pg_config.libpq-dev"))).isEmpty();
    assertThat(Dpkg.owners(RecordedCommands.read("signers/dpkg-query-S-multiarch.txt"),
        List.of("/lib/x86_64-linux-gnu/libc.so.6"))).containsEntry("/lib/x86_64-linux-gnu/libc.so.6", "libc6:amd64");
    assertThat(Dpkg.md5Of("811c31f0ba2cf86161ed1ee05e3c4e88  usr/bin/xdotool\n", "/usr/bin/xdotool"))
        .contains("811c31f0ba2cf86161ed1ee05e3c4e88");
  }

  static Rpm recordedRpm(String path, String fixture, int exit) {
    List<String> command = List.of("rpm", "-qi", "-f", path);
    return new Rpm(new RecordedCommands(Map.of(command, fixture), exit == 0 ? Map.of() : Map.of(command, exit)));
  }

  @Test
  void anRpmPackageIsVouchedForByItsVendorAndSigningKey() {
    Signer fedora = recordedRpm("/usr/bin/zathura", "signers/rpm-qi-zathura-fedora.txt", 0).check("/usr/bin/zathura")
        .signer();
    assertThat(fedora.source()).isEqualTo("rpm");
    assertThat(fedora.name()).isEqualTo("Fedora Project");
    assertThat(fedora.id()).isEqualTo("6c13026d12c944d0");
    assertThat(fedora.details()).containsEntry("package", "zathura").containsEntry("version", "0.4.5-1.fc32")
        .containsEntry("signature", "RSA/SHA256, Wed 15 Apr 2020 10:24:47 PM CEST, Key ID 6c13026d12c944d0");
  }

  @Test
  void rpmsTwoColumnLayoutOfRhel6IsReadToo() {
    Signer acl = recordedRpm("/usr/bin/getfacl", "signers/rpm-qi-acl-rhel6.txt", 0).check("/usr/bin/getfacl").signer();
    assertThat(acl.name()).isEqualTo("Red Hat, Inc.");
    assertThat(acl.id()).isEqualTo("199e2f91fd431d51");
    assertThat(acl.details()).containsEntry("version", "2.2.49-6.el6")
        .containsEntry("packager", "Red Hat, Inc. <http://bugzilla.redhat.com/bugzilla>");
  }

  @Test
  void anUnsignedRpmWithoutVendorIsNamedByItsPackageAndSaysItIsUnsigned() {
    Signer nginx = recordedRpm("/usr/sbin/nginx", "signers/rpm-qi-nginx-unsigned.txt", 0).check("/usr/sbin/nginx")
        .signer();
    assertThat(nginx.name()).isEqualTo("nginx");
    assertThat(nginx.id()).isNull();
    assertThat(nginx.details()).containsEntry("signature", "none: the package is not signed");
  }

  @Test
  void aFileNoRpmOwnsHasNoSigner() {
    SignerCheck check = recordedRpm(XDOTOOL, "signers/rpm-qi-not-owned.txt", 1).check(XDOTOOL);
    assertThat(check.signer()).isNull();
    assertThat(check.source()).isEqualTo("rpm -qi -f " + XDOTOOL);
    assertThat(check.reason()).isEqualTo("no installed package owns " + XDOTOOL);
  }

  @Test
  void aPathThatIsNotAbsoluteIsNeverLookedUp() {
    assertThat(live.check("C:\\Program Files\\TeamViewer\\TeamViewer.exe").reason())
        .isEqualTo("not an absolute path, so no package database can own it");
  }
}
