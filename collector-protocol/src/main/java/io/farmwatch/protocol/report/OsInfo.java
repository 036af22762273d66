package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The operating system the agent runs on.
 *
 * @param family {@code linux}, {@code windows} or {@code macos}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OsInfo(String family, String name, String version, String build, String arch) {}
