package io.farmwatch.protocol.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ProtocolLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md section 6 and {@link ProtocolLimits} list the same limits, both ways. */
class LimitsDocumentationTest {

  private static final Pattern LIMIT_ROW =
      Pattern.compile("(?m)^\\| `([^`]+)` \\| (characters|items) \\| ([\\d,]+) \\|$");
  private static final Pattern SYNTAX_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| (MAC|IP|CIDR) \\|$");

  private static String section() throws IOException {
    String doc = Files.readString(Path.of("PROTOCOL.md"));
    return doc.substring(doc.indexOf("## 6. Limits"));
  }

  @Test
  void stringAndListTablesAreProtocolLimits() throws IOException {
    Map<String, Integer> strings = new HashMap<>();
    Map<String, Integer> lists = new HashMap<>();
    Matcher m = LIMIT_ROW.matcher(section());
    while (m.find()) {
      int value = Integer.parseInt(m.group(3).replace(",", ""));
      (m.group(2).equals("characters") ? strings : lists).put(m.group(1), value);
    }
    assertThat(strings).isEqualTo(ProtocolLimits.STRING_CHARS);
    assertThat(lists).isEqualTo(ProtocolLimits.LIST_ITEMS);
  }

  @Test
  void syntaxTableIsProtocolLimits() throws IOException {
    Map<String, ProtocolLimits.Syntax> syntax = new HashMap<>();
    Matcher m = SYNTAX_ROW.matcher(section());
    while (m.find()) {
      syntax.put(m.group(1), ProtocolLimits.Syntax.valueOf(m.group(2)));
    }
    assertThat(syntax).isEqualTo(ProtocolLimits.SYNTAX);
  }

  @Test
  void proseStatesTheScalarLimits() throws IOException {
    String doc = section();
    assertThat(doc).contains("**" + ProtocolLimits.DEFAULT_STRING_CHARS + " characters** unless listed")
        .contains("at most **" + ProtocolLimits.MAX_EVIDENCE_ENTRIES + "** values")
        .contains("at most **" + ProtocolLimits.MAX_EVIDENCE_DEPTH + "** levels")
        .contains("at most **" + ProtocolLimits.MAX_EVIDENCE_KEY_CHARS + "** characters")
        .contains(String.format("at most **%,d** above", ProtocolLimits.MAX_SEQUENCE_STEP))
        .contains(ReportLimits.CUT_SOURCE);
  }
}
