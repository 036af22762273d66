package io.farmwatch.agent.platform.linux;

import io.farmwatch.agent.probe.LocaleProbe;
import io.farmwatch.agent.probe.Missing;
import io.farmwatch.agent.probe.ProbeResult;
import io.farmwatch.protocol.report.LocaleInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Locale settings from the files Debian, Ubuntu and Fedora keep them in, and input methods from
 * what ibus and fcitx5 have installed and what users' fcitx5 profiles enable.
 */
public final class LinuxLocaleProbe implements LocaleProbe {

  private final SystemFiles files;
  private final Map<String, String> environment;

  public LinuxLocaleProbe(SystemFiles files, Map<String, String> environment) {
    this.files = files;
    this.environment = environment;
  }

  @Override
  public ProbeResult<LocaleInfo> collect() {
    Missing missing = new Missing();
    String zone = timezone(missing);
    Integer offset = null;
    if (zone != null) {
      try {
        offset = ZoneId.of(zone).getRules().getOffset(Instant.now()).getTotalSeconds() / 60;
      } catch (RuntimeException e) {
        missing.add("locale.utcOffsetMinutes", zone, "not a zone this JDK knows");
      }
    }
    String systemLocale = assignment(files.read("/etc/default/locale").or(() -> files.read("/etc/locale.conf"))
        .orElse(""), "LANG");
    if (systemLocale == null) {
      missing.add("locale.systemLocale", "/etc/default/locale, /etc/locale.conf", "no LANG set");
    }
    Set<String> userLocales = new LinkedHashSet<>();
    for (String var : List.of("LC_ALL", "LANG", "LANGUAGE")) {
      String v = environment.get(var);
      if (v != null && !v.isBlank()) {
        for (String part : v.split(":")) {
          userLocales.add(part);
        }
      }
    }
    List<String> layouts = new ArrayList<>();
    String xkb = assignment(files.read("/etc/default/keyboard").orElse(""), "XKBLAYOUT");
    if (xkb == null) {
      missing.add("locale.keyboardLayouts", "/etc/default/keyboard", "no XKBLAYOUT set");
    } else {
      for (String l : xkb.split(",")) {
        if (!l.isBlank()) {
          layouts.add(l.strip());
        }
      }
    }
    Set<String> methods = new LinkedHashSet<>();
    listNames("/usr/share/ibus/component", ".xml").forEach(n -> methods.add("ibus:" + n));
    listNames("/usr/share/fcitx5/inputmethod", ".conf").forEach(n -> methods.add("fcitx5:" + n));
    String active = fcitxProfiles(methods);
    return missing.result(new LocaleInfo(zone, offset, systemLocale, List.copyOf(userLocales), layouts,
        List.copyOf(methods), active));
  }

  private String timezone(Missing missing) {
    String tz = environment.get("TZ");
    if (tz != null && !tz.isBlank()) {
      return tz.startsWith(":") ? tz.substring(1) : tz;
    }
    var fromFile = files.read("/etc/timezone");
    if (fromFile.isPresent()) {
      return fromFile.get();
    }
    try {
      String target = Files.readSymbolicLink(files.path("/etc/localtime")).toString();
      int at = target.indexOf("zoneinfo/");
      if (at >= 0) {
        return target.substring(at + 9);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Fall through to the record below.
    }
    missing.add("locale.timezone", "TZ, /etc/timezone, /etc/localtime", "none of them names a zone");
    return null;
  }

  /** {@code KEY=value} or {@code KEY="value"} from a shell-style settings file. */
  static String assignment(String text, String key) {
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith(key + "=")) {
        String v = l.substring(key.length() + 1).replaceAll("^[\"']|[\"']$", "").strip();
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  private List<String> listNames(String dir, String suffix) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.path(dir), "*" + suffix)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        names.add(n.substring(0, n.length() - suffix.length()));
      }
    } catch (IOException e) {
      return names; // that framework is not installed
    }
    names.sort(String::compareTo);
    return names;
  }

  /** Adds the input methods users enabled in fcitx5 and returns the default one of the first. */
  private String fcitxProfiles(Set<String> methods) {
    String active = null;
    List<Path> homes = new ArrayList<>(List.of(files.path("/root")));
    try (DirectoryStream<Path> users = Files.newDirectoryStream(files.path("/home"))) {
      users.forEach(homes::add);
    } catch (IOException e) {
      // No /home: only root's profile is checked.
    }
    for (Path home : homes) {
      Path profile = home.resolve(".config/fcitx5/profile");
      try {
        for (String line : Files.readAllLines(profile)) {
          if (line.startsWith("Name=")) {
            methods.add("fcitx5:" + line.substring(5).strip());
          } else if (line.startsWith("DefaultIM=") && active == null) {
            active = "fcitx5:" + line.substring(10).strip();
          }
        }
      } catch (IOException e) {
        // This user has no fcitx5 profile.
      }
    }
    return active;
  }
}
