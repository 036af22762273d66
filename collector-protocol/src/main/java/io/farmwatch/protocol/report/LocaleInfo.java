package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Language and region settings.
 *
 * @param timezone IANA zone ID, e.g. {@code America/Chicago}
 * @param inputMethods installed input methods / engines, e.g. {@code ibus:hangul}
 * @param layoutsFrom where the keyboard layouts and input methods were read: {@code session-helper}
 *     (in the user's graphical session, by its session helper), or absent (by the agent itself)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocaleInfo(
    String timezone,
    Integer utcOffsetMinutes,
    String systemLocale,
    List<String> userLocales,
    List<String> keyboardLayouts,
    List<String> inputMethods,
    String activeInputMethod,
    String layoutsFrom) {

  /** {@link #layoutsFrom} of layouts the user's session helper read in the session. */
  public static final String FROM_SESSION_HELPER = "session-helper";

  /** Read by the agent itself. */
  public LocaleInfo(String timezone, Integer utcOffsetMinutes, String systemLocale, List<String> userLocales,
      List<String> keyboardLayouts, List<String> inputMethods, String activeInputMethod) {
    this(timezone, utcOffsetMinutes, systemLocale, userLocales, keyboardLayouts, inputMethods, activeInputMethod,
        null);
  }

  /** These settings with the session helper's layouts and input methods in place of the agent's own. */
  public LocaleInfo withSessionLayouts(List<String> layouts, List<String> methods) {
    return new LocaleInfo(timezone, utcOffsetMinutes, systemLocale, userLocales, layouts, methods, activeInputMethod,
        FROM_SESSION_HELPER);
  }
}
