package io.farmwatch.collector.correlate;

import io.farmwatch.collector.roster.RosterEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where a laptop's own settings contradict where its employee claims to be. */
final class LocaleCheck {

  /** Input methods that point to a country, and that country's ISO code. */
  private static final Map<String, String> IME_COUNTRY = Map.of("hangul", "KR", "korean", "KR",
      "anthy", "JP", "mozc", "JP", "pinyin", "CN", "rime", "CN", "chewing", "TW");

  private LocaleCheck() {}

  static List<String> contradictions(RosterEntry claim, DeviceObservation o) {
    List<String> out = new ArrayList<>();
    if (claim.claimedTimezone() != null && o.timezone() != null) {
      try {
        Instant now = Instant.now();
        int claimed = ZoneId.of(claim.claimedTimezone()).getRules().getOffset(now).getTotalSeconds();
        int actual = ZoneId.of(o.timezone()).getRules().getOffset(now).getTotalSeconds();
        if (claimed != actual) {
          out.add("the laptop's time zone is " + o.timezone() + " but " + claim.employee()
              + " claims " + claim.claimedTimezone());
        }
      } catch (RuntimeException e) {
        // An unknown zone ID on either side proves nothing.
      }
    }
    if (claim.claimedCountry() != null) {
      for (String ime : o.inputMethods()) {
        String lower = ime.toLowerCase(Locale.ROOT);
        IME_COUNTRY.forEach((marker, country) -> {
          if (lower.contains(marker) && !country.equalsIgnoreCase(claim.claimedCountry())) {
            out.add("input method " + ime + " is installed though " + claim.employee()
                + " claims to be in " + claim.claimedCountry());
          }
        });
      }
    }
    return out.stream().distinct().toList();
  }
}
