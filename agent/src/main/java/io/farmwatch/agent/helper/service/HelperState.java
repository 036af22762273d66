package io.farmwatch.agent.helper.service;

import java.time.Instant;
import java.util.List;

/**
 * What the service last heard from one user's session helper.
 *
 * @param source the helper's sampler, e.g. {@code x11-xinput2}
 * @param unavailable why the helper cannot sample there, or null
 */
public record HelperState(
    String user, String source, List<String> keyboardLayouts, List<String> inputMethods, String unavailable,
    Instant heardAt) {}
