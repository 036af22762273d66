package io.farmwatch.agent.platform.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who owns a graphical session. Under systemd, logind's own records of its sessions
 * ({@code /run/systemd/sessions/ID}: {@code USER}, {@code TYPE} x11 or wayland, {@code STATE});
 * without systemd (containers, this project's CI machine), the owners of the X servers' sockets in
 * {@code /tmp/.X11-unix}, which is who started each X server.
 */
public final class LinuxSessionUsers {

  private static final Set<String> GRAPHICAL = Set.of("x11", "wayland", "mir");

  private final Path root;

  /** @param root {@code /}, or a prepared tree in tests */
  public LinuxSessionUsers(Path root) {
    this.root = root;
  }

  /** Whether logind keeps this machine's sessions: systemd runs as PID 1 exactly when this exists. */
  boolean systemdRuns() {
    return Files.isDirectory(root.resolve("run/systemd/system"));
  }

  /** Whether {@code user} owns a graphical session now. */
  public boolean hasGraphicalSession(String user) {
    return systemdRuns() ? logindSession(user) : ownsXServer(user);
  }

  private boolean logindSession(String user) {
    try (DirectoryStream<Path> sessions = Files.newDirectoryStream(root.resolve("run/systemd/sessions"))) {
      for (Path session : sessions) {
        if (!Files.isRegularFile(session)) {
          continue;
        }
        Map<String, String> keys = keys(session);
        if (user.equals(keys.get("USER")) && GRAPHICAL.contains(keys.getOrDefault("TYPE", ""))
            && !"closing".equals(keys.get("STATE"))) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  private static Map<String, String> keys(Path file) throws IOException {
    Map<String, String> keys = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        keys.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return keys;
  }

  private boolean ownsXServer(String user) {
    try (DirectoryStream<Path> sockets = Files.newDirectoryStream(root.resolve("tmp/.X11-unix"), "X*")) {
      for (Path socket : sockets) {
        if (user.equals(Files.getOwner(socket).getName())) {
          return true;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
