package io.farmwatch.agent.platform.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Maps socket inodes to the processes holding them, from the links in {@code /proc/PID/fd}. */
final class SocketOwners {

  private SocketOwners() {}

  static Map<Long, ProcNetSockets.Owner> scan(Path proc) {
    Map<Long, ProcNetSockets.Owner> owners = new HashMap<>();
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path pidDir : pids) {
        int pid = Integer.parseInt(pidDir.getFileName().toString());
        String name = null;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
          for (Path fd : fds) {
            String target;
            try {
              target = Files.readSymbolicLink(fd).toString();
            } catch (IOException | UnsupportedOperationException e) {
              continue;
            }
            if (target.startsWith("socket:[")) {
              if (name == null) {
                name = processName(pidDir);
              }
              owners.putIfAbsent(Long.parseLong(target.substring(8, target.length() - 1)),
                  new ProcNetSockets.Owner(pid, name));
            }
          }
        } catch (IOException e) {
          // The process exited, or its fds are not ours to read: its sockets stay unattributed.
        }
      }
    } catch (IOException e) {
      return owners;
    }
    return owners;
  }

  /** The executable's file name: comm is cut at 15 characters. */
  private static String processName(Path pidDir) {
    try {
      Path exe = Files.readSymbolicLink(pidDir.resolve("exe"));
      return exe.getFileName().toString().replace(" (deleted)", "");
    } catch (IOException | UnsupportedOperationException e) {
      try {
        return Files.readString(pidDir.resolve("comm")).strip();
      } catch (IOException ex) {
        return null;
      }
    }
  }
}
