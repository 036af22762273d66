package io.farmwatch.agent.detect;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.DeviceEntry;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.protocol.report.FindingKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
  final List<Map.Entry<String, Tool>> commPrefixes = new ArrayList<>();
  final List<Tool> byPathPrefix = new ArrayList<>();
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

  private void add(Tool tool) {
    for (String exe : tool.entry().exe()) {
      String key = ExecutableNames.key(exe);
      byExecutable.putIfAbsent(key, tool);
      if (key.length() > ExecutableNames.COMM_LENGTH) {
        commPrefixes.add(Map.entry(key.substring(0, ExecutableNames.COMM_LENGTH), tool));
      }
    }
    if (!tool.entry().paths().isEmpty()) {
      byPathPrefix.add(tool);
    }
    for (int port : tool.entry().ports()) {
      byPort.computeIfAbsent(port, p -> new ArrayList<>()).add(tool);
    }
  }
}
