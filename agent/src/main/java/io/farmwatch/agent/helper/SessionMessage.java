package io.farmwatch.agent.helper;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a session helper sends the service, one JSON line at a time (about once a minute).
 *
 * @param version {@link SessionLimits#VERSION}
 * @param source the helper's sampler, e.g. {@code x11-xinput2}
 * @param minutes completed minutes not sent before, oldest first
 * @param keyboardLayouts the session's keyboard layouts, e.g. {@code us}, {@code de(nodeadkeys)}
 * @param inputMethods the session's input methods, e.g. {@code ibus:hangul}
 * @param unavailable why the helper cannot sample in this session (e.g. {@code wayland: ...}); null
 *     when it samples
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionMessage(
    int version, String source, List<SessionMinute> minutes, List<String> keyboardLayouts,
    List<String> inputMethods, String unavailable) {

  public SessionMessage {
    minutes = minutes == null ? List.of() : List.copyOf(minutes);
    keyboardLayouts = keyboardLayouts == null ? List.of() : List.copyOf(keyboardLayouts);
    inputMethods = inputMethods == null ? List.of() : List.copyOf(inputMethods);
  }
}
