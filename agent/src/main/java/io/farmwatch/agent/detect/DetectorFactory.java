package io.farmwatch.agent.detect;

import io.farmwatch.agent.detect.catalog.Catalog;
import io.farmwatch.agent.detect.catalog.ToolEntry;
import io.farmwatch.agent.detect.lolrmm.IgnoredName;
import io.farmwatch.agent.detect.lolrmm.ImportProblem;
import io.farmwatch.agent.detect.lolrmm.ImportResult;
import io.farmwatch.agent.detect.lolrmm.LolrmmImporter;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the detector from the built-in catalog, imported LOLRMM folders and the allowlist. */
public final class DetectorFactory {

  private static final Logger LOG = LoggerFactory.getLogger(DetectorFactory.class);

  private DetectorFactory() {}

  public static Detector create(List<Path> catalogDirs, List<Allowlist.Entry> allowlist) {
    return create(catalogDirs, allowlist, List.of());
  }

  /** @param policyTools remote-access tools the central policy adds */
  public static Detector create(List<Path> catalogDirs, List<Allowlist.Entry> allowlist, List<ToolEntry> policyTools) {
    Catalog catalog = Catalog.builtin().withRemoteAccess(policyTools);
    LolrmmImporter importer = new LolrmmImporter();
    for (Path dir : catalogDirs) {
      ImportResult result = importer.importFolder(dir);
      catalog = catalog.withRemoteAccess(result.tools());
      LOG.info("imported {} tools from {}", result.tools().size(), dir);
      for (ImportProblem problem : result.problems()) {
        LOG.warn("skipped catalog file {}: {}", problem.file(), problem.reason());
      }
      for (IgnoredName name : result.ignoredNames()) {
        LOG.info("not matching on '{}' from {}: {}", name.name(), name.file(), name.reason());
      }
    }
    return new Detector(catalog, new Allowlist(allowlist));
  }
}
