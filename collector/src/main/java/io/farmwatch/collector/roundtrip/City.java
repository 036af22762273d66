package io.farmwatch.collector.roundtrip;

/**
 * A gazetteer entry.
 *
 * @param region the first-level division's name (a US state, a German Land), or null
 */
public record City(String name, String country, String regionCode, String region, GeoPoint at) {

  /** How a verdict names it, e.g. "Austin, Texas, US". */
  public String label() {
    return name + (region == null ? "" : ", " + region) + ", " + country;
  }
}
