package io.farmwatch.agent.runtime.config;

/**
 * A program the organisation sanctions, so detection does not flag it. Every given field must
 * match; absent fields match anything.
 *
 * @param name process or product name pattern
 * @param path executable path glob
 * @param signer code-signing subject (Windows Authenticode, macOS team) the binary must carry
 */
public record AllowlistEntry(String name, String path, String signer) {}
