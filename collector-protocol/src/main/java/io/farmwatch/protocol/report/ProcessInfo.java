package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A running process.
 *
 * @param path full executable path; match on this, not on {@code name}, which Linux cuts at 15
 *     characters
 * @param commandLineHash SHA-256 (hex) of the command line; the raw command line is sent only when
 *     the privacy switch allows it
 * @param commandLine absent unless the agent is configured to send raw command lines
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessInfo(
    int pid,
    Integer parentPid,
    String name,
    String path,
    String commandLineHash,
    String commandLine,
    String user,
    Instant startTime) {}
