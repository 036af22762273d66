package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.lolrmm.ImportProblem;
import io.farmwatch.agent.detect.lolrmm.ImportResult;
import io.farmwatch.agent.detect.lolrmm.LolrmmImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LolrmmImporterTest {

  @Test
  void importsWellFormedFilesAndReportsEachBrokenOneWithoutStopping() throws Exception {
    ImportResult result = new LolrmmImporter().importFolder(Path.of(getClass().getResource("/lolrmm").toURI()));

    assertThat(result.tools()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("FakeDesk");
      assertThat(t.exe()).containsExactly("fakedesk.exe");
      assertThat(t.paths()).contains("/opt/fakedesk");
      assertThat(t.domains()).containsExactly("fakedesk.example");
      assertThat(t.ports()).as("443 is web traffic, not the tool's own port").containsExactly(47001);
    });
    assertThat(result.problems()).extracting(p -> p.file().getFileName().toString())
        .containsExactlyInAnyOrder("no-name.yaml", "broken.yaml", "wrong-shape.yml", "nothing-to-match.yaml");
    assertThat(result.problems()).extracting(ImportProblem::reason)
        .anyMatch(r -> r.contains("missing 'Name'"))
        .anyMatch(r -> r.startsWith("not valid YAML"))
        .anyMatch(r -> r.contains("must be a list"))
        .anyMatch(r -> r.contains("nothing could ever match"));
  }

  @Test
  void aMissingFolderIsAProblemNotAnException() {
    ImportResult result = new LolrmmImporter().importFolder(Path.of("/nonexistent/catalog"));
    assertThat(result.tools()).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("not a folder"));
  }
}
