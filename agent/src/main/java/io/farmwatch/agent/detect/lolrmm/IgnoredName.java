package io.farmwatch.agent.detect.lolrmm;

import java.nio.file.Path;

/** An executable name a catalog file gives that the import does not match on, and why. */
public record IgnoredName(Path file, String name, String reason) {}
