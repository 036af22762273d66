package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.agent.probe.ProcessProbe;
import io.farmwatch.agent.probe.process.CommandLines;
import io.farmwatch.protocol.report.ProcessInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Processes from procfs. The executable path comes from {@code /proc/PID/exe}: {@code comm} is cut
 * at 15 characters and can be set by the process itself, so it never identifies a program alone.
 * Kernel threads (no executable, no command line) are left out.
 */
public final class LinuxProcessProbe implements ProcessProbe {

  /** USER_HZ: the unit of /proc/PID/stat start times; 100 on every mainstream Linux build. */
  static final int CLOCK_TICKS = 100;

  private final SystemFiles files;
  private final boolean sendCommandLines;

  public LinuxProcessProbe(SystemFiles files, boolean sendCommandLines) {
    this.files = files;
    this.sendCommandLines = sendCommandLines;
  }

  @Override
  public ProbeResult<List<ProcessInfo>> collect() {
    Missing missing = new Missing();
    Path proc = files.path("/proc");
    Long bootTime = bootTime();
    if (bootTime == null) {
      missing.add("processes[].startTime", "/proc/stat", "no btime line");
    }
    Map<Integer, String> users = users();
    List<ProcessInfo> processes = new ArrayList<>();
    int unreadablePaths = 0;
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
      for (Path dir : pids) {
        ProcessInfo info = read(dir, bootTime, users);
        if (info != null) {
          processes.add(info);
          unreadablePaths += info.path() == null ? 1 : 0;
        }
      }
    } catch (IOException e) {
      missing.add("processes", "/proc", "cannot list processes: " + e.getMessage());
      return missing.result(null);
    }
    if (unreadablePaths > 0) {
      missing.add("processes[].path", "/proc/PID/exe", unreadablePaths
          + " processes belong to other users; run the agent as root (its service does) to read them");
    }
    processes.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    return missing.result(processes);
  }

  private ProcessInfo read(Path dir, Long bootTime, Map<Integer, String> users) {
    int pid = Integer.parseInt(dir.getFileName().toString());
    String stat;
    byte[] cmdline;
    try {
      stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
      cmdline = Files.readAllBytes(dir.resolve("cmdline"));
    } catch (IOException e) {
      return null; // exited while we looked
    }
    // comm sits in parentheses and may itself contain spaces or parentheses.
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open) {
      return null;
    }
    String comm = stat.substring(open + 1, close);
    String[] rest = stat.substring(close + 2).split(" ");
    int ppid = Integer.parseInt(rest[1]);
    long startTicks = Long.parseLong(rest[19]);
    String path = null;
    try {
      path = Files.readSymbolicLink(dir.resolve("exe")).toString().replace(" (deleted)", "");
    } catch (IOException | UnsupportedOperationException e) {
      if (cmdline.length == 0) {
        return null; // a kernel thread
      }
    }
    String commandLine = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    String name = path != null ? Path.of(path).getFileName().toString() : comm;
    Instant start = bootTime == null ? null
        : Instant.ofEpochMilli(bootTime * 1000 + startTicks * 1000 / CLOCK_TICKS);
    return new ProcessInfo(pid, ppid, name, path,
        commandLine.isEmpty() ? null : CommandLines.sha256(commandLine),
        sendCommandLines && !commandLine.isEmpty() ? commandLine : null,
        owner(dir, users), start);
  }

  private String owner(Path dir, Map<Integer, String> users) {
    try {
      for (String line : Files.readAllLines(dir.resolve("status"))) {
        if (line.startsWith("Uid:")) {
          int uid = Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
          return users.getOrDefault(uid, String.valueOf(uid));
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private Long bootTime() {
    for (String line : files.read("/proc/stat").orElse("").split("\n")) {
      if (line.startsWith("btime ")) {
        return Long.parseLong(line.substring(6).strip());
      }
    }
    return null;
  }

  private Map<Integer, String> users() {
    Map<Integer, String> users = new HashMap<>();
    for (String line : files.read("/etc/passwd").orElse("").split("\n")) {
      String[] f = line.split(":");
      if (f.length > 2 && f[2].matches("\\d+")) {
        users.putIfAbsent(Integer.parseInt(f[2]), f[0]);
      }
    }
    return users;
  }
}
