package io.farmwatch.agent.detect.lolrmm;

import io.farmwatch.agent.detect.catalog.ToolEntry;
import java.util.List;

/**
 * The tools read from a folder of LOLRMM files, the files that could not be used, and the names
 * inside usable files that are too generic to match on.
 */
public record ImportResult(List<ToolEntry> tools, List<ImportProblem> problems, List<IgnoredName> ignoredNames) {}
