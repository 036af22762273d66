package io.farmwatch.agent.detect.lolrmm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.LolrmmSnapshot;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalog's LOLRMM part is generated from the pinned copy (agent/lolrmm): this test is
 * the generator. It fails when the resource differs from what the pinned copy gives, and rewrites it
 * when run with -Dfarmwatch.lolrmm.regenerate=true (scripts/refresh-lolrmm does).
 */
class BuiltinLolrmmCatalogTest {

  static final Path PINNED = Path.of("lolrmm");
  static final Path RESOURCE = Path.of("src/main/resources").resolve(LolrmmSnapshot.RESOURCE.substring(1));

  static ImportResult importPinned() {
    return new LolrmmImporter().importFolder(PINNED.resolve("yaml"));
  }

  static String pinnedCommit() throws IOException {
    Matcher m = Pattern.compile("(?m)^commit: ([0-9a-f]{40})$").matcher(Files.readString(PINNED.resolve("COMMIT")));
    assertThat(m.find()).as("agent/lolrmm/COMMIT names the commit").isTrue();
    return m.group(1);
  }

  @Test
  void theGeneratedResourceIsWhatThePinnedCopyGives() throws IOException {
    String generated = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(new LolrmmSnapshot(pinnedCommit(), importPinned().tools())) + "\n";
    if (Boolean.getBoolean("farmwatch.lolrmm.regenerate")) {
      Files.writeString(RESOURCE, generated);
      return;
    }
    assertThat(Files.readString(RESOURCE))
        .as("%s is stale: run scripts/refresh-lolrmm (or this test with -Dfarmwatch.lolrmm.regenerate=true)", RESOURCE)
        .isEqualTo(generated);
    assertThat(Catalog.lolrmm().tools()).as("the jar carries the same file").hasSize(importPinned().tools().size());
  }

  @Test
  void everyPinnedFileLoadsOrIsListedWithItsReason() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(PINNED.resolve("yaml"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
    ImportResult result = importPinned();
    List<String> loaded = result.tools().stream().map(ToolEntry::source).map(s -> s.substring("lolrmm:".length()))
        .toList();
    List<String> listed = result.problems().stream().map(p -> p.file().getFileName().toString()).toList();

    System.out.printf("LOLRMM %s: %d files, %d tools loaded, %d files listed as unusable%n", pinnedCommit(),
        files.size(), loaded.size(), listed.size());
    result.problems().forEach(p -> System.out.printf("  unusable %s: %s%n", p.file().getFileName(), p.reason()));
    result.ignoredNames().forEach(n -> System.out.printf("  not matched on '%s' (%s): %s%n", n.name(),
        n.file().getFileName(), n.reason()));

    assertThat(files).hasSizeGreaterThan(300);
    assertThat(Stream.concat(loaded.stream(), listed.stream()).sorted().toList())
        .as("every file is either a tool or a listed problem, once")
        .containsExactlyElementsOf(files.stream().map(f -> f.getFileName().toString()).toList());
    assertThat(result.problems()).allSatisfy(p -> assertThat(p.reason()).isNotBlank());
    assertThat(result.problems()).as("only files that name nothing to match on are unusable")
        .allSatisfy(p -> assertThat(p.reason()).contains("nothing could match it"));
  }
}
