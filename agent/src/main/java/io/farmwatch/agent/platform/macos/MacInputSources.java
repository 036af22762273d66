package io.farmwatch.agent.platform.macos;

import io.farmwatch.agent.probe.locale.InputSources;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code defaults read com.apple.HIToolbox AppleEnabledInputSources}, the old-style plist
 * text listing enabled keyboard layouts ({@code "KeyboardLayout Name"}) and input methods
 * ({@code "Input Mode"}, {@code "Bundle ID"}).
 */
public final class MacInputSources {

  private MacInputSources() {}

  public static InputSources parse(String defaultsOutput) {
    List<String> layouts = new ArrayList<>();
    List<String> methods = new ArrayList<>();
    for (String raw : defaultsOutput.split("\n")) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip().replace("\"", "");
      String value = line.substring(eq + 1).strip().replaceAll(";$", "").replace("\"", "").strip();
      if (key.equals("KeyboardLayout Name") && !layouts.contains(value)) {
        layouts.add(value);
      } else if ((key.equals("Input Mode") || key.equals("Bundle ID")) && value.startsWith("com.apple.inputmethod")
          && !methods.contains(value)) {
        methods.add(value);
      }
    }
    return new InputSources(layouts, methods);
  }
}
