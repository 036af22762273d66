package io.farmwatch.agent.detect.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.Allowlist;
import io.farmwatch.agent.detect.Detector;
import io.farmwatch.agent.detect.lolrmm.ImportProblem;
import io.farmwatch.agent.detect.lolrmm.ImportResult;
import io.farmwatch.agent.detect.lolrmm.LolrmmImporter;
import io.farmwatch.agent.detect.lolrmm.OrdinaryPrograms;
import io.farmwatch.protocol.report.DeviceInfo;
import io.farmwatch.protocol.report.Finding;
import io.farmwatch.protocol.report.FindingKind;
import io.farmwatch.protocol.report.NetworkState;
import io.farmwatch.protocol.report.ProcessInfo;
import io.farmwatch.protocol.report.Report;
import io.farmwatch.protocol.report.SocketInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalog against the pinned LOLRMM copy: which of its tools a process of the tool's
 * executable name is found as, and that no ordinary program's name is found as anything.
 */
class BuiltinCatalogCoverageTest {

  static final Catalog BUILTIN = Catalog.builtin();
  static final Detector DETECTOR = new Detector(BUILTIN, Allowlist.NONE);
  static final Set<FindingKind> ALARMS = Set.of(FindingKind.REMOTE_ACCESS, FindingKind.VPN, FindingKind.MOUSE_JIGGLER);

  /** A name as a file would carry it: a wildcard filled in as a vendor's versioned build would. */
  static String sample(String exe) {
    return exe.replace("*", "1.2").replace("?", "8");
  }

  static List<Finding> run(String path) {
    Report r = new Report(1, new DeviceInfo(null, "t", 1, Instant.now(), "h", null), null, null,
        List.of(new ProcessInfo(42, 1, Path.of(path).getFileName().toString(), path, null, null, "u", null)),
        null, null, null, null, List.of(), List.of());
    return DETECTOR.detect(r).stream().filter(f -> ALARMS.contains(f.kind())).toList();
  }

  @Test
  void everyLolrmmToolWithAUsableNameIsFoundByItAndCoverageIsPrinted() {
    ImportResult imported = new LolrmmImporter().importFolder(Path.of("lolrmm/yaml"));
    Map<String, ToolEntry> builtinByName = new LinkedHashMap<>();
    Stream.concat(BUILTIN.remoteAccess().stream(), BUILTIN.vpn().stream())
        .forEach(t -> builtinByName.putIfAbsent(CatalogMerge.nameKey(t.name()), t));

    // A LOLRMM tool is also found by the names of the built-in entry it merged into (the curated
    // list knows RealVNC or xrdp by names LOLRMM does not give).
    Map<String, List<String>> namesByFile = new LinkedHashMap<>();
    for (ToolEntry t : imported.tools()) {
      namesByFile.put(t.source().substring("lolrmm:".length()), withBuiltinNames(t.name(), t.exe(), builtinByName));
    }
    for (ImportProblem p : imported.problems()) {
      String name = p.reason().replaceFirst("^'(.*?)' names no usable.*", "$1");
      namesByFile.put(p.file().getFileName().toString(), withBuiltinNames(name, List.of(), builtinByName));
    }
    List<String> covered = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (var e : namesByFile.entrySet()) {
      boolean found = e.getValue().stream().anyMatch(exe -> !run("C:\\Program Files\\X\\" + sample(exe) + ".exe").isEmpty()
          && !run("/opt/x/" + sample(exe)).isEmpty());
      (found ? covered : missed).add(e.getKey());
    }
    System.out.printf("LOLRMM coverage by executable name: %d/%d tools (files); not covered: %s%n",
        covered.size(), namesByFile.size(), missed);
    System.out.printf("built-in catalog %s: %d remote-access entries, %d VPNs%n", BUILTIN.version(),
        BUILTIN.remoteAccess().size(), BUILTIN.vpn().size());
    List<String> withNames = namesByFile.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(Map.Entry::getKey).toList();
    assertThat(covered).as("every tool that names a usable executable is found by it").containsAll(withNames);
  }

  private static List<String> withBuiltinNames(String name, List<String> own, Map<String, ToolEntry> builtin) {
    List<String> names = new ArrayList<>(own);
    ToolEntry entry = builtin.get(CatalogMerge.nameKey(name));
    if (entry != null) {
      names.addAll(entry.exe());
    }
    return names;
  }

  @Test
  void vpnClientsLolrmmListsStayVpnsAtTheCuratedSeverity() {
    assertThat(run("C:\\Program Files\\Tailscale\\tailscale-ipn.exe")).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.VPN);
      assertThat(f.name()).isEqualTo("Tailscale");
    });
    assertThat(run("C:\\Program Files\\Tailscale\\tailscale-setup-1.2.exe")).as("LOLRMM's wildcard name")
        .singleElement().satisfies(f -> assertThat(f.kind()).isEqualTo(FindingKind.VPN));
  }

  @Test
  void lolrmmPortsFeedTheSocketMatcherButOrdinaryAndEphemeralPortsDoNot() {
    List<SocketInfo> sockets = List.of(new SocketInfo("tcp", "0.0.0.0", 5931, null, null, "LISTEN", 7, "x"),
        new SocketInfo("tcp", "0.0.0.0", 445, null, null, "LISTEN", 8, "System"),
        new SocketInfo("tcp", "0.0.0.0", 62354, null, null, "LISTEN", 9, "y"),
        new SocketInfo("tcp", "127.0.0.1", 5000, null, null, "LISTEN", 10, "python3"));
    Report r = new Report(1, new DeviceInfo(null, "t", 1, Instant.now(), "h", null), null,
        new NetworkState(null, null, null, null, null, null, sockets), List.of(), null, null, null, null, List.of(),
        List.of());
    assertThat(DETECTOR.detect(r)).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FindingKind.REMOTE_ACCESS);
      assertThat(f.name()).isEqualTo("Ammyy Admin");
      assertThat(f.evidence().get("port")).isEqualTo(5931);
    });
  }

  @Test
  void noOrdinaryProgramIsFoundAsATool() {
    Set<String> names = OrdinaryPrograms.builtin().names();
    assertThat(names).hasSizeGreaterThan(300);
    List<String> flagged = names.stream()
        .flatMap(n -> Stream.of("C:\\Program Files\\App\\" + n + ".exe", "/usr/bin/" + n,
            "/Applications/" + n + ".app/Contents/MacOS/" + n))
        .filter(path -> !run(path).isEmpty()).map(path -> path + " -> " + run(path)).toList();
    assertThat(flagged).isEmpty();
  }
}
