package io.farmwatch.collector.alert.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SinkTextTest {

  @Test
  void everyControlAndLineSeparatorBecomesAVisibleEscapeAndTheRestIsKept() {
    assertThat(SinkText.clean("a\u0000b\u001bc\td\re\nf\u007fg\u0085h\u009bi\u2028j\u2029k"))
        .isEqualTo("a\\u0000b\\u001bc\\u0009d\\u000de\\u000af\\u007fg\\u0085h\\u009bi\\u2028j\\u2029k");
  }

  @Test
  void printableTextInAnyScriptPassesUnchanged() {
    String s = "Ünïcødé 漢字 한국어 emoji \uD83D\uDE00 |=\\ ~";
    assertThat(SinkText.clean(s)).isSameAs(s);
  }
}
