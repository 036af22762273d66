package io.farmwatch.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.farmwatch.agent.detect.lolrmm.ImportProblem;
import io.farmwatch.agent.detect.lolrmm.ImportResult;
import io.farmwatch.agent.detect.lolrmm.LolrmmImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LolrmmImporterTest {

  @Test
  void importsEveryShapeThePublishedFilesUseAndReportsEachUnusableOneWithoutStopping() throws Exception {
    ImportResult result = new LolrmmImporter().importFolder(Path.of(getClass().getResource("/lolrmm").toURI()));

    assertThat(result.tools()).extracting(t -> t.name()).containsExactly("BareDesk", "FakeDesk", "SingleDesk");
    assertThat(result.tools().get(1)).satisfies(t -> {
      assertThat(t.exe()).containsExactly("fakedesk");
      assertThat(t.paths()).contains("/opt/fakedesk");
      assertThat(t.domains()).containsExactly("fakedesk.example");
      assertThat(t.ports()).as("443 is web traffic, not the tool's own port").containsExactly(47001);
    });
    assertThat(result.tools().get(0).exe()).as("list items without a file name are skipped").containsExactly("baredesk");
    assertThat(result.tools().get(2)).satisfies(t -> {
      assertThat(t.category()).isEqualTo("rat");
      assertThat(t.exe()).as("a single PEMetadata mapping, bare names, globs with a real prefix, a path's file")
          .containsExactly("singledesk", "singledesk-agent", "singledesk_setup*", "sdhelper");
      assertThat(t.paths()).containsExactly("C:\\Program Files\\SingleDesk\\*", "*\\SingleDesk\\sdhelper.exe");
      assertThat(t.domains()).containsExactly("singledesk.example");
      assertThat(t.ports()).as("ranges, STUN and ephemeral ports say nothing about the tool").containsExactly(5931);
    });
    assertThat(result.ignoredNames()).extracting(n -> n.name() + ": " + n.reason()).containsExactlyInAnyOrder(
        "sd*.exe: a wildcard after fewer than 5 letters matches unrelated programs",
        "*.exe: matches any program",
        "setup.exe: an ordinary program or a generic name (see ordinary-executables.txt)",
        "client.exe: an ordinary program or a generic name (see ordinary-executables.txt)");
    assertThat(result.problems()).extracting(p -> p.file().getFileName().toString())
        .containsExactlyInAnyOrder("no-name.yaml", "broken.yaml", "wrong-shape.yml", "nothing-to-match.yaml");
    assertThat(result.problems()).extracting(ImportProblem::reason)
        .anyMatch(r -> r.contains("missing 'Name'"))
        .anyMatch(r -> r.startsWith("not valid YAML"))
        .anyMatch(r -> r.startsWith("'WrongShape' names no usable executable"))
        .anyMatch(r -> r.startsWith("'Vapour' names no usable executable"));
  }

  @Test
  void aMissingFolderIsAProblemNotAnException() {
    ImportResult result = new LolrmmImporter().importFolder(Path.of("/nonexistent/catalog"));
    assertThat(result.tools()).isEmpty();
    assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("not a folder"));
  }
}
