package io.farmwatch.agent.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release pipeline (.github/workflows/release.yml) cannot run here; this checks what can be
 * checked without GitHub: it is valid YAML, its jobs hang together, each artifact is built on the
 * OS that has to build it, and nothing that needs a signing secret runs without one.
 */
class ReleaseWorkflowTest {

  static final Pattern MATRIX_VALUE = Pattern.compile("\\$\\{\\{\\s*matrix\\.(\\w+)\\s*}}");
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  static JsonNode workflow;

  @BeforeAll
  static void parse() throws Exception {
    workflow = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve(".github/workflows/release.yml").toFile());
  }

  @Test
  void runsOnVersionTagsAndEveryNeedNamesAJob() {
    assertThat(workflow.at("/on/push/tags").toString()).contains("v*");
    JsonNode jobs = workflow.get("jobs");
    jobs.fields().forEachRemaining(job -> assertThat(needs(job.getValue()))
        .as("needs of %s", job.getKey()).allSatisfy(n -> assertThat(jobs.has(n)).as(n).isTrue()));
  }

  @Test
  void eachArtifactIsBuiltWhereItMustBeAndByTheRepositorysOwnScripts() throws Exception {
    JsonNode jobs = workflow.get("jobs");
    assertThat(jobs.at("/runtime-windows/runs-on").asText()).isEqualTo("windows-latest");
    assertThat(jobs.at("/msi-signed/runs-on").asText()).isEqualTo("windows-latest");
    // macos-13, the last Intel label before it, was retired on 2025-12-04.
    assertThat(jobs.at("/pkg/strategy/matrix/include").findValuesAsText("runner"))
        .containsExactly("macos-latest", "macos-15-intel");
    assertThat(runs(jobs.get("linux-packages"))).contains("scripts/package");
    assertThat(runs(jobs.get("msi"))).contains("scripts/package-windows", "WINDOWS_RUNTIME=");
    assertThat(runs(jobs.get("msi-signed"))).contains("signtool", "sign /fd SHA256");
    assertThat(runs(jobs.get("pkg"))).contains("packaging/macos/build-pkg", "jlink");
    // The Windows and macOS runtimes take their module list from scripts/package, the Linux one's source.
    assertThat(runs(jobs.get("runtime-windows"))).contains("sed -n 's/^agent_modules=//p' scripts/package");
    assertThat(Files.readString(REPO.resolve("scripts/package"))).containsPattern("(?m)^agent_modules=java\\.base,");
    jobs.fields().forEachRemaining(job -> {
      if (!job.getKey().equals("release")) {
        assertThat(uses(job.getValue())).as("%s uploads what it built", job.getKey())
            .anySatisfy(u -> assertThat(u).startsWith("actions/upload-artifact@"));
      }
    });
  }

  @Test
  void theMacPackagesOfBothArchitecturesHaveNamesOfTheirOwn() {
    JsonNode pkg = workflow.at("/jobs/pkg");
    List<JsonNode> matrix = StreamSupport.stream(pkg.at("/strategy/matrix/include").spliterator(), false).toList();
    assertThat(matrix).extracting(m -> m.path("arch").asText()).containsExactly("arm64", "x86_64");
    JsonNode upload = StreamSupport.stream(pkg.path("steps").spliterator(), false)
        .filter(step -> step.path("uses").asText().startsWith("actions/upload-artifact@")).findFirst().orElseThrow();
    assertThat(matrix).extracting(m -> expand(upload.at("/with/name").asText(), m)).doesNotHaveDuplicates();
    // build-pkg names the pkg by version alone; the release takes its assets by file name.
    JsonNode build = StreamSupport.stream(pkg.path("steps").spliterator(), false)
        .filter(step -> step.path("run").asText().contains("packaging/macos/build-pkg")).findFirst().orElseThrow();
    assertThat(build.at("/env/PKG_ARCH").asText()).isEqualTo("${{ matrix.arch }}");
    assertThat(build.path("run").asText()).contains("farmwatch-agent-$VERSION-$PKG_ARCH.pkg");
  }

  /** A workflow expression with the matrix entry's values in place of {@code ${{ matrix.KEY }}}. */
  private static String expand(String text, JsonNode entry) {
    return MATRIX_VALUE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(entry.path(m.group(1)).asText()));
  }

  @Test
  void stepsThatUseASecretRunOnlyWhenItIsSet() {
    List<String> unguarded = new ArrayList<>();
    workflow.get("jobs").fields().forEachRemaining(job -> {
      for (JsonNode step : job.getValue().path("steps")) {
        String text = step.path("run").asText() + step.path("env").toString() + step.path("with").toString();
        boolean guarded = step.path("if").asText().contains("== 'true'")
            || step.path("env").toString().replaceAll("env\\.HAS_[A-Z_]+ == 'true' && secrets\\.", "").indexOf("secrets.") < 0;
        if (text.contains("secrets.") && !guarded) {
          unguarded.add(job.getKey() + ": " + step.path("name").asText(step.path("uses").asText()));
        }
      }
    });
    assertThat(unguarded).isEmpty();
  }

  private static List<String> needs(JsonNode job) {
    JsonNode needs = job.path("needs");
    return needs.isArray() ? StreamSupport.stream(needs.spliterator(), false).map(JsonNode::asText).toList()
        : needs.isMissingNode() ? List.of() : List.of(needs.asText());
  }

  private static String runs(JsonNode job) {
    StringBuilder all = new StringBuilder();
    job.path("steps").forEach(step -> all.append(step.path("run").asText()).append('\n'));
    return all.toString();
  }

  private static List<String> uses(JsonNode job) {
    List<String> out = new ArrayList<>();
    job.path("steps").forEach(step -> out.add(step.path("uses").asText()));
    return out;
  }
}
