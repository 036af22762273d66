package io.farmwatch.protocol.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Language and region settings.
 *
 * @param timezone IANA zone ID, e.g. {@code America/Chicago}
 * @param inputMethods installed input methods / engines, e.g. {@code ibus:hangul}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocaleInfo(
    String timezone,
    Integer utcOffsetMinutes,
    String systemLocale,
    List<String> userLocales,
    List<String> keyboardLayouts,
    List<String> inputMethods,
    String activeInputMethod) {}
