package io.farmwatch.agent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/runtime.md's configuration table is {@link ConfigKey}, row for row: key, default and meaning. */
class ConfigDocumentationTest {

  @Test
  void theConfigurationTableIsTheConfigKeyEnum() throws IOException {
    List<String> doc = Files.readAllLines(Path.of("../docs/runtime.md"));
    int at = doc.indexOf("| key | default | meaning |");
    assertThat(at).isNotNegative();
    Map<String, List<String>> documented = new LinkedHashMap<>();
    for (String line : doc.subList(at + 2, doc.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| "));
      documented.put(cells.get(0), cells.subList(1, cells.size()));
    }
    Map<String, List<String>> declared = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      declared.put("`" + k.path() + "`", List.of(k.defaultText(), k.meaning()));
    }
    assertThat(documented).containsExactlyEntriesOf(declared);
  }

  /** A key the table declares is one the loader reads: setting it to garbage is an error naming it. */
  @Test
  void theLoaderKnowsEveryDeclaredKey() {
    for (ConfigKey k : ConfigKey.values()) {
      String[] parts = k.path().split("\\.");
      StringBuilder yaml = new StringBuilder();
      for (int i = 0; i < parts.length; i++) {
        yaml.append("  ".repeat(i)).append(parts[i]).append(':').append(i == parts.length - 1 ? " {bad: [1]}" : "")
            .append('\n');
      }
      try {
        ConfigLoader.parse(yaml.toString(), Path.of("."), "t");
        throw new AssertionError(k + " accepted a mapping");
      } catch (ConfigException e) {
        assertThat(e.errors()).as(k.path()).singleElement().asString().startsWith(k.path() + ": ")
            .doesNotContain("unknown key");
      }
    }
  }
}
