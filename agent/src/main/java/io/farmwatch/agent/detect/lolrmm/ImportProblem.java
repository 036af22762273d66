package io.farmwatch.agent.detect.lolrmm;

import java.nio.file.Path;

/** A catalog file that was skipped, and why. */
public record ImportProblem(Path file, String reason) {}
