package io.farmwatch.agent.probe.locale;

import java.util.List;

/**
 * Keyboard layouts and input methods as a platform lists them.
 *
 * @param layouts keyboard layouts, e.g. {@code us}, {@code U.S.}
 * @param inputMethods input methods, e.g. {@code com.apple.inputmethod.Korean.2SetKorean}
 */
public record InputSources(List<String> layouts, List<String> inputMethods) {}
