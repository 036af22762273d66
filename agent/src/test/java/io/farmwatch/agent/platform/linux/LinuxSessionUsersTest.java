package io.farmwatch.agent.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxSessionUsersTest {

  @TempDir Path root;

  void session(String id, String content) throws Exception {
    Files.createDirectories(root.resolve("run/systemd/sessions"));
    Files.writeString(root.resolve("run/systemd/sessions/" + id), content);
  }

  @Test
  void underSystemdLogindsGraphicalSessionsDecide() throws Exception {
    Files.createDirectories(root.resolve("run/systemd/system"));
    session("2", "# This is private data. Do not parse.\nUID=1000\nUSER=alice\nACTIVE=1\nSTATE=active\nTYPE=x11\n"
        + "CLASS=user\n");
    session("3", "UID=1001\nUSER=bob\nSTATE=online\nTYPE=tty\n");
    session("4", "UID=1002\nUSER=carol\nSTATE=closing\nTYPE=wayland\n");
    session("5", "UID=1003\nUSER=dave\nSTATE=online\nTYPE=wayland\n");
    LinuxSessionUsers users = new LinuxSessionUsers(root);

    assertThat(users.hasGraphicalSession("alice")).isTrue();
    assertThat(users.hasGraphicalSession("dave")).as("a background graphical session").isTrue();
    assertThat(users.hasGraphicalSession("bob")).as("a text console").isFalse();
    assertThat(users.hasGraphicalSession("carol")).as("a session being closed").isFalse();
    assertThat(users.hasGraphicalSession("root")).isFalse();
  }

  @Test
  void withoutSystemdTheOwnerOfAnXServersSocketDecides() throws Exception {
    Path x11 = Files.createDirectories(root.resolve("tmp/.X11-unix"));
    try (ServerSocketChannel display = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      display.bind(UnixDomainSocketAddress.of(x11.resolve("X7")));
      String owner = Files.getOwner(x11.resolve("X7")).getName();
      LinuxSessionUsers users = new LinuxSessionUsers(root);

      assertThat(users.hasGraphicalSession(owner)).isTrue();
      assertThat(users.hasGraphicalSession(owner + "-not")).isFalse();
    }
  }

  @Test
  void noRecordsAtAllIsNobody() {
    assertThat(new LinuxSessionUsers(root).hasGraphicalSession("alice")).isFalse();
  }
}
