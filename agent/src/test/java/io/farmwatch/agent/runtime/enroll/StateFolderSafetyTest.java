package io.farmwatch.agent.runtime.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.farmwatch.agent.runtime.testing.AgentCli;
import io.farmwatch.agent.runtime.testing.AgentCli.Result;
import io.farmwatch.agent.runtime.testing.LoopbackCollector;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links and folders planted for the agent, which runs as root, to write through: with real links,
 * real modes and real owners on the local file system.
 */
class StateFolderSafetyTest {

  private static final List<String> STATE_FILES = List.of(
      "device.pub.pem", "device.key", "device.id", "enrollment.json", "status.json", "sequence");

  @TempDir Path tmp;
  Path state;
  LoopbackCollector collector;

  @BeforeEach
  void start() {
    state = tmp.resolve("state");
    collector = LoopbackCollector.start().allowToken("t");
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  @Test
  void tempFilesPlantedAsLinksAreReplacedNotWrittenThroughNorChmodded() throws IOException {
    Files.createDirectory(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    for (String name : STATE_FILES) {
      Path victim = victim(name);
      Files.createSymbolicLink(state.resolve(name + ".tmp"), victim);
    }
    Path nowhere = tmp.resolve("created-through-a-dangling-link");
    Files.delete(state.resolve("device.key.tmp"));
    Files.createSymbolicLink(state.resolve("device.key.tmp"), nowhere);

    assertThat(enroll().exit()).isZero();
    assertThat(runOnce().out().strip()).isEqualTo("delivered");

    for (String name : STATE_FILES) {
      Path victim = tmp.resolve("victim-" + name);
      assertThat(victim).hasContent("precious " + name);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-r--r--");
      assertThat(state.resolve(name)).isRegularFile();
      assertThat(Files.isSymbolicLink(state.resolve(name))).isFalse();
    }
    assertThat(nowhere).doesNotExist();
    assertThat(state.resolve("device.pub.pem")).content().startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void aStateFilePlantedAsALinkIsReplacedByTheRenameNotFollowed() throws IOException {
    assertThat(enroll().exit()).isZero();
    Path victim = victim("status.json");
    Files.delete(state.resolve("status.json"));
    Files.createSymbolicLink(state.resolve("status.json"), victim);

    assertThat(runOnce().out().strip()).isEqualTo("delivered");

    assertThat(victim).hasContent("precious status.json");
    assertThat(Files.isSymbolicLink(state.resolve("status.json"))).isFalse();
    assertThat(state.resolve("status.json")).content().contains("lastAcceptedSequence");
  }

  @Test
  void aStateFolderThatIsALinkIsRefusedNamingIt() throws IOException {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Files.createSymbolicLink(state, real);

    Result r = enroll();

    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err()).contains("refusing to use " + state + ": it is a symbolic link");
    try (var files = Files.list(real)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aStateFolderOthersCanWriteToIsRefusedAndAMerelyReadableOneIsNarrowed() throws IOException {
    Files.createDirectory(state);
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
    Result open = enroll();
    assertThat(open.exit()).isEqualTo(78);
    assertThat(open.err()).contains("refusing to use " + state).contains("rwxrwxrwx").contains("group or others write");
    assertThat(state.resolve("device.key")).doesNotExist();

    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwx---"));
    assertThat(runOnce().err()).contains("refusing to use " + state).contains("rwxrwx---");

    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(enroll().exit()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
  }

  @Test
  void aStateFolderOwnedBySomeoneElseIsRefused() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "giving the folder to another user needs root; this case is skipped when tests do not run as root");
    UserPrincipal nobody = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.createDirectory(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setOwner(state, nobody);

    Result r = enroll();

    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err()).contains("refusing to use " + state + ": it is owned by nobody, not by root");
    assertThat(state.resolve("device.key")).doesNotExist();
  }

  @Test
  void aSpoolPlantedAsALinkIsRefusedAndAnEnvelopePlantedAsALinkIsNeverRead() throws IOException {
    assertThat(enroll().exit()).isZero();
    Path planted = state.resolve("spool").resolve("00000000000000000000-0.envelope");
    Files.createDirectories(planted.getParent());
    Files.createSymbolicLink(planted, victim("envelope"));

    assertThat(runOnce().out().strip()).isEqualTo("delivered");
    assertThat(collector.attempts()).containsExactly(1L);
    assertThat(Files.exists(planted, LinkOption.NOFOLLOW_LINKS)).as("left for the administrator to see").isTrue();

    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    try (var files = Files.list(state.resolve("spool"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(state.resolve("spool"));
    Files.createSymbolicLink(state.resolve("spool"), elsewhere);
    Result r = runOnce();
    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err()).contains("refusing to use " + state.resolve("spool")).contains("symbolic link");
    try (var files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aLockFilePlantedAsALinkIsNotOpenedThroughIt() throws IOException {
    Files.createDirectory(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path nowhere = tmp.resolve("lock-target");
    Files.createSymbolicLink(state.resolve(StateFolderLock.FILE), nowhere);

    Result r = enroll();

    assertThat(r.exit()).isEqualTo(78);
    assertThat(r.err()).contains("refusing to use " + state.resolve(StateFolderLock.FILE) + ": the lock file is a symbolic link");
    assertThat(nowhere).doesNotExist();
  }

  private Path victim(String name) throws IOException {
    Path victim = tmp.resolve("victim-" + name);
    Files.writeString(victim, "precious " + name);
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
    return victim;
  }

  private Result enroll() {
    return AgentCli.run("enroll", "--collector", collector.url(), "--token", "t", "--state", state.toString());
  }

  private Result runOnce() {
    return AgentCli.run("run", "--once", "--state", state.toString());
  }
}
