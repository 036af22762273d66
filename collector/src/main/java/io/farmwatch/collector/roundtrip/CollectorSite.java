package io.farmwatch.collector.roundtrip;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a collector stands, as its operator declared it: {@code --collector-location} takes
 * "LAT,LON" or a gazetteer city, "City, CC" or "City, Region, CC".
 *
 * @param name how verdicts call it, e.g. "Ashburn, Virginia, US"
 */
public record CollectorSite(String name, GeoPoint at) {

  private static final Pattern COORDINATES =
      Pattern.compile("\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*,\\s*(-?\\d{1,3}(?:\\.\\d+)?)\\s*");

  /** Parses a declared location, refusing what the gazetteer cannot place exactly once. */
  public static CollectorSite parse(String text, Gazetteer gazetteer) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the collector location is empty");
    }
    Matcher m = COORDINATES.matcher(text);
    if (m.matches()) {
      GeoPoint at = new GeoPoint(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
      return new CollectorSite(text.strip(), at);
    }
    String[] parts = text.split(",");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("'" + text + "' is neither LAT,LON nor 'City, CC' nor 'City, Region, CC'");
    }
    String country = parts[parts.length - 1].strip();
    String region = parts.length == 3 ? parts[1].strip() : null;
    List<City> found = gazetteer.find(parts[0], country, region);
    if (found.isEmpty()) {
      throw new IllegalArgumentException("the gazetteer has no city '" + parts[0].strip() + "' in " + country);
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException("'" + text + "' names " + found.size() + " places ("
          + String.join("; ", found.stream().limit(5).map(City::label).toList())
          + "): add the region, or give LAT,LON");
    }
    return new CollectorSite(found.get(0).label(), found.get(0).at());
  }
}
