package io.farmwatch.collector.roundtrip;

import java.util.List;

/**
 * What the round trips say about a device's claimed city.
 *
 * @param reasons one sentence per collector site that contradicts the claim, e.g. "a minimum of
 *     212 ms over 6 days to the Ashburn, Virginia, US collector; Austin, Texas, US allows at most 70 ms"
 * @param consistentPlaces with several sites, an example of where every round trip fits, or null
 */
public record RoundTripVerdict(Finding finding, List<String> reasons, String consistentPlaces) {

  public enum Finding {
    /** Above what the claimed city allows, slack included: much farther away, or tunnelled far. */
    TOO_FAR,
    /** Below what light needs from the claimed city: the device is nearer than claimed. */
    TOO_NEAR
  }

  public String explanation() {
    return String.join("; and ", reasons) + (consistentPlaces == null ? "" : ". " + consistentPlaces);
  }
}
