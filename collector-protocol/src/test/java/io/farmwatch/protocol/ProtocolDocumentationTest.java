package io.farmwatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.protocol.ErrorCode;
import io.farmwatch.protocol.envelope.Envelope;
import io.farmwatch.protocol.report.Report;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every report field and every error code is documented in PROTOCOL.md, osquery-style. */
class ProtocolDocumentationTest {

  static final String DOC = read();

  static String read() {
    try {
      return Files.readString(Path.of("PROTOCOL.md"));
    } catch (IOException e) {
      throw new IllegalStateException("run from the collector-protocol module folder", e);
    }
  }

  @Test
  void everyReportFieldHasARow() {
    List<String> paths = new ArrayList<>();
    collect(Report.class, "", paths);
    assertThat(paths).hasSizeGreaterThan(100);
    assertThat(paths).allSatisfy(path -> assertThat(DOC).contains("| `" + path + "` |"));
  }

  @Test
  void everyEnvelopeFieldHasARow() {
    for (RecordComponent c : Envelope.class.getRecordComponents()) {
      assertThat(DOC).contains("| `" + c.getName() + "` |");
    }
  }

  /** Both ways: a code the collector answers with is documented, and a documented code exists. */
  @Test
  void theErrorTableIsTheErrorCodeEnum() {
    String section = DOC.substring(DOC.indexOf("### 3.3 Errors"), DOC.indexOf("## 4. The report"));
    Map<String, Integer> documented = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\d{3}) \\|").matcher(section);
    while (row.find()) {
      assertThat(documented.put(row.group(1), Integer.parseInt(row.group(2)))).as(row.group(1) + " twice").isNull();
    }
    Map<String, Integer> declared = new LinkedHashMap<>();
    for (ErrorCode c : ErrorCode.values()) {
      declared.put(c.code(), c.httpStatus());
    }
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(declared);
  }

  private static void collect(Class<?> record, String prefix, List<String> out) {
    for (RecordComponent c : record.getRecordComponents()) {
      String path = prefix + c.getName();
      out.add(path);
      Class<?> type = c.getType();
      if (type.isRecord()) {
        collect(type, path + ".", out);
      } else if (List.class.isAssignableFrom(type)) {
        Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        if (element instanceof Class<?> e && e.isRecord()) {
          collect(e, path + "[].", out);
        }
      }
    }
  }
}
