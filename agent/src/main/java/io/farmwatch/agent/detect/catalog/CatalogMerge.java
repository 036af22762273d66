package io.farmwatch.agent.detect.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds imported LOLRMM tools into the curated list. An imported tool that has a curated entry's
 * name or one of its executables joins that entry, which keeps its name, category (so its severity)
 * and ports, and gains the imported names, paths and domains; LOLRMM's own duplicates (one tool in
 * two files) join each other the same way; any other imported tool is added as it is.
 */
final class CatalogMerge {

  private CatalogMerge() {}

  /** The curated remote-access and VPN lists with the imported tools folded in. */
  record Merged(List<ToolEntry> remoteAccess, List<ToolEntry> vpn) {}

  /**
   * LOLRMM lists some VPN clients (Tailscale, ZeroTier, NetBird) among its tools; they join the
   * curated VPN entry so they keep being reported as VPNs, at the VPN severity.
   */
  static Merged merge(List<ToolEntry> remoteAccess, List<ToolEntry> vpn, List<ToolEntry> imported) {
    List<ToolEntry> curated = new ArrayList<>(remoteAccess);
    curated.addAll(vpn);
    List<ToolEntry> out = merge(curated, imported);
    int r = remoteAccess.size();
    List<ToolEntry> remote = new ArrayList<>(out.subList(0, r));
    remote.addAll(out.subList(r + vpn.size(), out.size()));
    return new Merged(remote, List.copyOf(out.subList(r, r + vpn.size())));
  }

  private static List<ToolEntry> merge(List<ToolEntry> curated, List<ToolEntry> imported) {
    List<ToolEntry> out = new ArrayList<>();
    Map<String, Integer> byName = new HashMap<>();
    Map<String, Integer> byExe = new HashMap<>();
    for (ToolEntry t : curated) {
      register(out.size(), t, byName, byExe);
      out.add(t);
    }
    for (ToolEntry t : imported) {
      Integer at = byName.get(nameKey(t.name()));
      for (int i = 0; at == null && i < t.exe().size(); i++) {
        at = byExe.get(t.exe().get(i).toLowerCase(Locale.ROOT));
      }
      if (at == null) {
        at = out.size();
        out.add(t);
      } else {
        out.set(at, absorb(out.get(at), t));
      }
      register(at, t, byName, byExe);
    }
    return out;
  }

  private static void register(int at, ToolEntry t, Map<String, Integer> byName, Map<String, Integer> byExe) {
    byName.putIfAbsent(nameKey(t.name()), at);
    for (String exe : t.exe()) {
      if (!exe.contains("*") && !exe.contains("?")) {
        byExe.putIfAbsent(exe.toLowerCase(Locale.ROOT), at);
      }
    }
  }

  private static ToolEntry absorb(ToolEntry base, ToolEntry extra) {
    boolean curatedPorts = "builtin".equals(base.source()) && !base.ports().isEmpty();
    return new ToolEntry(base.name(), base.category(), union(base.exe(), extra.exe()),
        union(base.paths(), extra.paths()), curatedPorts ? base.ports() : union(base.ports(), extra.ports()),
        union(base.domains(), extra.domains()), base.services(), base.source());
  }

  private static <T> List<T> union(List<T> a, List<T> b) {
    Set<T> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /** "ISL Online" and "ISL  online", "Level.io" and "Levelio", "Splashtop (Beta)" and "Splashtop" are one tool. */
  static String nameKey(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "").replaceAll("[^a-z0-9]", "");
  }
}
