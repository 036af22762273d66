package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.agent.detect.lolrmm.OrdinaryPrograms;
import io.farmwatch.agent.platform.linux.LinuxPlatform;
import io.farmwatch.agent.platform.linux.SystemFiles;
import io.farmwatch.agent.probe.CommandRunner;
import io.farmwatch.agent.scan.ReportAssembler;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.Report;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes and real sockets on this machine, found through the real probes. */
class RealProcessDetectionTest {

  @TempDir Path bin;

  private final List<Process> processes = new ArrayList<>();
  private final List<AutoCloseable> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    processes.forEach(Process::destroyForcibly);
    for (AutoCloseable s : sockets) {
      s.close();
    }
  }

  /** A harmless binary (sleep) under another name, as a renamed tool would run. */
  Process spawnAs(String name) throws IOException {
    Path exe = bin.resolve(name);
    Files.copy(Path.of("/bin/sleep"), exe, StandardCopyOption.REPLACE_EXISTING);
    exe.toFile().setExecutable(true);
    Process p = new ProcessBuilder(exe.toString(), "300").start();
    processes.add(p);
    return p;
  }

  static Report scan(List<Path> catalogs) {
    Clock clock = Clock.systemUTC();
    return new ReportAssembler(clock, LinuxPlatform.probes(new SystemFiles(Path.of("/")), new CommandRunner(), false, clock),
        DetectorFactory.create(catalogs, List.of())).assemble(null, 1);
  }

  /** The findings about process {@code pid} itself (not one whose pid merely starts with its digits). */
  static List<Finding> withPid(Report report, long pid) {
    return report.findings().stream()
        .filter(f -> f.evidence().get("pid") instanceof Number n && n.longValue() == pid).toList();
  }

  @Test
  void renamedBinariesAreFoundByTheirFullPathIncludingLongNames() throws Exception {
    Map<String, String> expected = Map.of("AnyDesk", "AnyDesk", "rustdesk", "RustDesk",
        "remoting_host_daemon", "Chrome Remote Desktop", "TeamViewer.exe", "TeamViewer",
        "astrill", "Astrill VPN", "x11vnc", "x11vnc");
    Map<String, Process> spawned = new java.util.HashMap<>();
    for (String name : expected.keySet()) {
      spawned.put(name, spawnAs(name));
    }
    Report report = scan(List.of());
    for (var e : expected.entrySet()) {
      Process p = spawned.get(e.getKey());
      List<Finding> hits = withPid(report, p.pid());
      assertThat(hits).as(e.getKey()).singleElement().satisfies(f -> {
        assertThat(f.name()).isEqualTo(e.getValue());
        assertThat(f.evidence().get("pid")).isEqualTo((int) p.pid());
        assertThat(f.evidence().get("path")).isEqualTo(bin.resolve(e.getKey()).toString());
        assertThat(f.evidence().get("matchedOn")).isEqualTo("path");
      });
    }
    assertThat(withPid(report, spawned.get("astrill").pid()).get(0).kind()).isEqualTo(FindingKind.VPN);
  }

  @Test
  void ordinaryProgramsRaiseNoRemoteAccessFindings() throws Exception {
    List<Process> benign = new ArrayList<>();
    for (String name : List.of("code", "firefox", "chrome", "chromium", "libreoffice", "soffice.bin", "slack",
        "zoom", "teams", "thunderbird", "vim", "gedit", "nautilus", "spotify", "python3", "java", "ssh",
        "gnome-shell", "Xorg", "pulseaudio", "pipewire", "NetworkManager", "systemd", "bash", "node")) {
      benign.add(spawnAs(name));
    }
    Report report = scan(List.of());
    for (Process p : benign) {
      assertThat(withPid(report, p.pid())).as(p.info().command().orElse("?")).isEmpty();
    }
  }

  /**
   * A sample of the built-in catalog's LOLRMM tools (every seventh, by name) under their own
   * executable names, mixed with ordinary programs' names: exactly the tools are found.
   */
  @Test
  void renamedLolrmmToolsAreFoundAndOrdinaryProgramsBesideThemAreNot() throws Exception {
    List<ToolEntry> tools = Catalog.lolrmm().tools().stream().filter(t -> !t.exe().isEmpty()).toList();
    Map<Long, String> toolPids = new java.util.HashMap<>();
    for (int i = 0; i < tools.size(); i += 7) {
      String exe = tools.get(i).exe().get(0).replace("*", "1.2").replace("?", "8");
      toolPids.put(spawnAs(exe + ".exe").pid(), tools.get(i).name() + " as " + exe + ".exe");
    }
    List<String> ordinary = List.copyOf(OrdinaryPrograms.builtin().names());
    Map<Long, String> ordinaryPids = new java.util.HashMap<>();
    for (int i = 0; i < ordinary.size(); i += 12) {
      ordinaryPids.put(spawnAs(ordinary.get(i)).pid(), ordinary.get(i));
    }
    Report report = scan(List.of());
    System.out.printf("live: %d renamed LOLRMM tools and %d ordinary programs%n", toolPids.size(), ordinaryPids.size());
    for (var e : toolPids.entrySet()) {
      assertThat(withPid(report, e.getKey())).as(e.getValue()).singleElement()
          .satisfies(f -> assertThat(f.kind()).isIn(FindingKind.REMOTE_ACCESS, FindingKind.VPN));
    }
    for (var e : ordinaryPids.entrySet()) {
      assertThat(withPid(report, e.getKey())).as(e.getValue()).isEmpty();
    }
    assertThat(toolPids).hasSizeGreaterThan(35);
    assertThat(ordinaryPids).hasSizeGreaterThan(30);
  }

  @Test
  void listenersOnRemoteControlPortsAreFoundWithTheirPorts() throws Exception {
    List<Integer> ports = List.of(5900, 5901, 3389, 5938, 7070, 21115, 21116, 21117, 21118, 21119);
    List<Integer> opened = new ArrayList<>();
    for (int port : ports) {
      try {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        sockets.add(s);
        opened.add(port);
      } catch (IOException busy) {
        // Something else already holds it on this machine; the others still prove the point.
      }
    }
    assertThat(opened).hasSizeGreaterThan(5);
    Report report = scan(List.of());
    long self = ProcessHandle.current().pid();
    for (int port : opened) {
      assertThat(report.findings()).as("port " + port).anySatisfy(f -> {
        assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_ACCESS);
        assertThat(f.evidence().toString()).contains("port=" + port).contains("pid=" + self);
      });
    }
  }

  @Test
  void anInboundConnectionToAListenerIsAnOpenRemoteSession() throws Exception {
    ServerSocket server = new ServerSocket();
    try {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5938));
    } catch (IOException busy) {
      server.close();
      return;
    }
    sockets.add(server);
    Socket client = new Socket(InetAddress.getLoopbackAddress(), 5938);
    sockets.add(client);
    sockets.add(server.accept());
    Report report = scan(List.of());
    assertThat(report.findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_SESSION);
      assertThat(f.name()).isEqualTo("TeamViewer");
      assertThat(f.evidence().toString()).contains("remoteAddress=127.0.0.1");
    });
  }

  @Test
  void importedLolrmmToolsAreFoundToo() throws Exception {
    Process p = spawnAs("fakedesk");
    Path catalog = Path.of(getClass().getResource("/lolrmm").toURI());
    Report report = scan(List.of(catalog));
    assertThat(withPid(report, p.pid())).singleElement().satisfies(f -> {
      assertThat(f.name()).isEqualTo("FakeDesk");
      assertThat(f.evidence().get("catalogSource")).isEqualTo("lolrmm:fakedesk.yaml");
    });
  }
}
