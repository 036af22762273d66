package io.farmwatch.collector.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/correlation.md's Signals and Alerts tables say what {@link Signal} and {@link AlertKind} declare, row for row. */
class CorrelationDocumentationTest {

  static final List<String> DOC = read();

  static List<String> read() {
    try {
      return Files.readAllLines(Path.of("../docs/correlation.md"));
    } catch (IOException e) {
      throw new IllegalStateException("run from the collector module folder", e);
    }
  }

  /** The table whose header row is {@code header}: first cell (backquotes dropped) to the rest of the row. */
  static Map<String, List<String>> table(String header) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    int at = DOC.indexOf(header);
    assertThat(at).as("a table headed " + header).isNotNegative();
    for (String line : DOC.subList(at + 2, DOC.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
      rows.put(cells.get(0).replace("`", ""), cells.subList(1, cells.size()));
    }
    return rows;
  }

  @Test
  void theSignalsTableIsTheSignalEnum() {
    Map<String, List<String>> declared = new LinkedHashMap<>();
    for (Signal s : Signal.values()) {
      declared.put(s.name(), List.of(s.strength().word(), s.description()));
    }
    assertThat(table("| signal | strength | meaning |")).containsExactlyEntriesOf(declared);
  }

  @Test
  void theAlertsTableIsTheAlertKindEnum() {
    Map<String, List<String>> declared = new LinkedHashMap<>();
    for (AlertKind k : AlertKind.values()) {
      declared.put(k.name(), List.of("`" + k.idPrefix() + "-`", k.description()));
    }
    assertThat(table("| kind | ID prefix | when |")).containsExactlyEntriesOf(declared);
  }
}
