package io.farmwatch.agent.detect;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.DeviceEntry;
import io.farmwatch.agent.detect.catalog.ExecutableNames;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.protocol.report.FindingKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The catalog indexed for lookups by executable name, port and USB ID, built once per catalog. */
final class CatalogIndex {

  /** A tool and whether it is a remote-access tool or a VPN. */
  record Tool(ToolEntry entry, FindingKind kind) {}

  /** Well-known remote-control ports, whatever the catalog says. */
  static final Map<Integer, String> REMOTE_PORTS = Map.ofEntries(
      Map.entry(5900, "VNC"), Map.entry(5901, "VNC"), Map.entry(3389, "RDP"),
      Map.entry(5938, "TeamViewer"), Map.entry(7070, "AnyDesk"), Map.entry(21115, "RustDesk"),
      Map.entry(21116, "RustDesk"), Map.entry(21117, "RustDesk"), Map.entry(21118, "RustDesk"),
      Map.entry(21119, "RustDesk"));

  final Map<String, Tool> byExecutable = new HashMap<>();
  final List<Map.Entry<Pattern, Tool>> byExecutableGlob = new ArrayList<>();
  final List<Map.Entry<String, Tool>> commPrefixes = new ArrayList<>();
  final List<Map.Entry<Pattern, Tool>> byInstallPath = new ArrayList<>();
  final Map<Integer, List<Tool>> byPort = new HashMap<>();
  final Map<String, DeviceEntry> kvmByUsb = new HashMap<>();
  final Map<String, DeviceEntry> jigglerByUsb = new HashMap<>();
  final Map<String, DeviceEntry> jigglerByExecutable = new HashMap<>();
  final Catalog catalog;

  CatalogIndex(Catalog catalog) {
    this.catalog = catalog;
    catalog.remoteAccess().forEach(t -> add(new Tool(t, FindingKind.REMOTE_ACCESS)));
    catalog.vpn().forEach(t -> add(new Tool(t, FindingKind.VPN)));
    catalog.ipKvm().forEach(d -> d.usb().forEach(id -> kvmByUsb.putIfAbsent(id.toLowerCase(Locale.ROOT), d)));
    for (DeviceEntry d : catalog.mouseJigglers()) {
      d.usb().forEach(id -> jigglerByUsb.putIfAbsent(id.toLowerCase(Locale.ROOT), d));
      d.exe().forEach(e -> jigglerByExecutable.putIfAbsent(ExecutableNames.key(e), d));
    }
  }

  /** The tool an executable name (a {@link ExecutableNames#key}) belongs to: exact names first, then wildcards. */
  Tool executable(String key) {
    Tool exact = byExecutable.get(key);
    if (exact != null) {
      return exact;
    }
    return byExecutableGlob.stream().filter(e -> e.getKey().matcher(key).matches()).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /** The tool whose install folder holds an executable path, compared case-insensitively with "/" for "\\". */
  Tool installedUnder(String path) {
    String p = path.toLowerCase(Locale.ROOT).replace('\\', '/');
    return byInstallPath.stream().filter(e -> e.getKey().matcher(p).matches()).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  /**
   * LOLRMM install paths are globs ({@code C:\Program Files\AnyDesk\*}, a {@code *} stays within one
   * folder); a path without a wildcard is a folder or bundle ({@code /Applications/AnyDesk.app}) and
   * matches what is inside. Compiled once: a cycle compares every process against every pattern.
   */
  private static Pattern installPath(String pattern) {
    String p = pattern.toLowerCase(Locale.ROOT).replace('\\', '/');
    if (p.contains("*")) {
      return Pattern.compile(("\\Q" + p + "\\E").replace("*", "\\E[^/]*\\Q"));
    }
    String folder = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    return Pattern.compile(Pattern.quote(folder) + "(/.*)?");
  }

  private void add(Tool tool) {
    for (String exe : tool.entry().exe()) {
      String key = ExecutableNames.key(exe);
      if (key.contains("*") || key.contains("?")) {
        byExecutableGlob.add(Map.entry(ExecutableNames.glob(key), tool));
        continue;
      }
      byExecutable.putIfAbsent(key, tool);
      if (key.length() > ExecutableNames.COMM_LENGTH) {
        commPrefixes.add(Map.entry(key.substring(0, ExecutableNames.COMM_LENGTH), tool));
      }
    }
    for (String path : tool.entry().paths()) {
      byInstallPath.add(Map.entry(installPath(path), tool));
    }
    for (int port : tool.entry().ports()) {
      byPort.computeIfAbsent(port, p -> new ArrayList<>()).add(tool);
    }
  }
}
