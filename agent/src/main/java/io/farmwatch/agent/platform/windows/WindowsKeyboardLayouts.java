package io.farmwatch.agent.platform.windows;

import io.farmwatch.agent.probe.locale.InputSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code reg query "HKCU\Keyboard Layout\Preload"}: the user's keyboard layout IDs (KLIDs).
 * Layouts of East Asian languages are IMEs; they are reported as input methods too.
 */
public final class WindowsKeyboardLayouts {

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("00000409", "en-US"), Map.entry("00000809", "en-GB"), Map.entry("00000412", "ko-KR"),
      Map.entry("00000411", "ja-JP"), Map.entry("00000804", "zh-CN"), Map.entry("00000404", "zh-TW"),
      Map.entry("00000419", "ru-RU"), Map.entry("00000407", "de-DE"), Map.entry("0000040c", "fr-FR"),
      Map.entry("0000040a", "es-ES"), Map.entry("00000422", "uk-UA"), Map.entry("0000042a", "vi-VN"));

  /** Languages whose layouts are input method editors. */
  private static final List<String> IME_LANGUAGES = List.of("ko", "ja", "zh");

  private WindowsKeyboardLayouts() {}

  public static InputSources parse(String regOutput) {
    List<String> layouts = new ArrayList<>();
    List<String> ime = new ArrayList<>();
    for (String raw : regOutput.split("\r?\n")) {
      String[] f = raw.strip().split("\\s+");
      if (f.length == 3 && f[1].equals("REG_SZ") && f[2].matches("[0-9a-fA-F]{8}")) {
        String klid = f[2].toLowerCase(Locale.ROOT);
        String name = NAMES.getOrDefault(klid, "klid:" + klid);
        layouts.add(name);
        if (IME_LANGUAGES.stream().anyMatch(name::startsWith)) {
          ime.add("windows-ime:" + name + (name.startsWith("ko") ? " (korean)" : ""));
        }
      }
    }
    return new InputSources(layouts, ime);
  }
}
