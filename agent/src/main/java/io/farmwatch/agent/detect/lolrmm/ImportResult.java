package io.farmwatch.agent.detect.lolrmm;

import io.farmwatch.agent.detect.catalog.ToolEntry;
import java.util.List;

/** The tools read from a folder of LOLRMM files, and the files that could not be used. */
public record ImportResult(List<ToolEntry> tools, List<ImportProblem> problems) {}
